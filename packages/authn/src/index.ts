export type { Principal } from './Principal';
export {
  PLATFORM_WIDE_ROLES,
  TRACE_READER_ROLES,
  seesAllTenants,
  canSeeTenant,
  visibleTenants,
  hasAnyRole,
} from './Principal';
export { TokenVerifier, ACCESS_TOKEN_AUDIENCE } from './TokenVerifier';
export type { TokenVerifierOptions } from './TokenVerifier';
export { requireAuth, bearerToken, principalOf } from './requireAuth';
