export { Tier, TierDefaults } from './tiers';
export { SlaWindow, SLA_WINDOW_SECONDS, SlaSnapshot, Tenant, TenantId } from './sla';
export { TraceId, Attributes, SpanView, LogView, TraceView } from './traces';
export { SlaUpdateEvent, SOCKET_EVENTS, tenantRoom, RollupsFlushedEvent } from './socketEvents';
export { Role, LoginRequest, LoginResponse, AccessClaims, ApiKeyVerifyResponse } from './auth';
export { DEMO_TENANTS } from './demoTenants';
export type { DemoTenant } from './demoTenants';
export { PLATFORM_TENANT, PORTS } from './platform';
export {
  LATENCY_BUCKETS_MS,
  RollupAggregate,
  SLI_METRIC,
  SLI_SOURCE_ATTRIBUTE,
  SAMPLE_RATIO_ATTRIBUTE,
  latencyBucketIndex,
} from './rollups';
export { SessionResponse, RefreshRequest, OAuthTokenResponse, OAuthErrorResponse } from './authSessions';
export {
  CreateUserRequest,
  CreateClientRequest,
  CreateApiKeyRequest,
  ApiKeyRevocationsResponse,
  AuditQueryParams,
} from './authAdmin';
export {
  TenantErasureRequest,
  ServiceErasureRequest,
  ServiceErasureReceipt,
  TenantErasureReceipt,
} from './erasure';
