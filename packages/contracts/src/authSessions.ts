import { LoginResponse } from './auth';
import { z } from 'zod';

/** SessionResponse answers login and refresh: LoginResponse plus the rotating refresh token. */
export const SessionResponse = LoginResponse.extend({
  refreshToken: z.string(),
  refreshExpiresIn: z.number().int(),
});
/** SessionResponse answers login and refresh: LoginResponse plus the rotating refresh token. */
export type SessionResponse = z.infer<typeof SessionResponse>;

/** RefreshRequest is the body of POST /v1/auth/refresh and POST /v1/auth/logout. */
export const RefreshRequest = z.object({ refreshToken: z.string().min(1).max(512) }).strict();
/** RefreshRequest is the body of POST /v1/auth/refresh and POST /v1/auth/logout. */
export type RefreshRequest = z.infer<typeof RefreshRequest>;

/** OAuthTokenResponse is a successful RFC 6749 §5.1 client-credentials answer. */
export const OAuthTokenResponse = z.object({
  access_token: z.string(),
  token_type: z.literal('Bearer'),
  expires_in: z.number().int(),
  scope: z.string(),
});
/** OAuthTokenResponse is a successful RFC 6749 §5.1 client-credentials answer. */
export type OAuthTokenResponse = z.infer<typeof OAuthTokenResponse>;

/** OAuthErrorResponse is an RFC 6749 §5.2 error answer of the token endpoint. */
export const OAuthErrorResponse = z.object({
  error: z.enum([
    'invalid_request',
    'invalid_client',
    'invalid_grant',
    'unsupported_grant_type',
    'invalid_scope',
  ]),
  error_description: z.string().optional(),
});
/** OAuthErrorResponse is an RFC 6749 §5.2 error answer of the token endpoint. */
export type OAuthErrorResponse = z.infer<typeof OAuthErrorResponse>;
