import { z } from 'zod';

/** Role is a platform role carried in every token. */
export const Role = z.enum(['super_admin', 'tenant_admin', 'sre', 'developer', 'executive', 'viewer']);
/** Role is a platform role carried in every token. */
export type Role = z.infer<typeof Role>;

/** LoginRequest is the body of POST /v1/auth/login. */
export const LoginRequest = z.object({
  email: z.string().email().max(254),
  password: z.string().min(1).max(1024),
});
/** LoginRequest is the body of POST /v1/auth/login. */
export type LoginRequest = z.infer<typeof LoginRequest>;

/** LoginResponse is the answer to a successful login. */
export const LoginResponse = z.object({
  accessToken: z.string(),
  tokenType: z.literal('Bearer'),
  expiresIn: z.number().int(),
  user: z.object({
    id: z.string(),
    email: z.string(),
    tenantId: z.string().nullable(),
    roles: z.array(Role),
  }),
});
/** LoginResponse is the answer to a successful login. */
export type LoginResponse = z.infer<typeof LoginResponse>;

/** AccessClaims are the claims of an access JWT. `tenant` is null for platform-wide users. */
export const AccessClaims = z.object({
  sub: z.string(),
  tenant: z.string().nullable(),
  roles: z.array(Role),
  email: z.string().optional(),
});
/** AccessClaims are the claims of an access JWT. */
export type AccessClaims = z.infer<typeof AccessClaims>;

/** ApiKeyVerifyResponse is auth's answer to the gateway's API-key check. */
export const ApiKeyVerifyResponse = z.object({
  valid: z.boolean(),
  tenantId: z.string().optional(),
  keyId: z.string().optional(),
});
/** ApiKeyVerifyResponse is auth's answer to the gateway's API-key check. */
export type ApiKeyVerifyResponse = z.infer<typeof ApiKeyVerifyResponse>;
