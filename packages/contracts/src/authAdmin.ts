import { Role } from './auth';
import { TenantId } from './sla';
import { z } from 'zod';

const Roles = z
  .array(Role)
  .min(1)
  .max(Role.options.length)
  .refine((r) => new Set(r).size === r.length, 'roles must not repeat');

/** CreateUserRequest is the body of POST /admin/v1/users; tenantId null makes a platform user. */
export const CreateUserRequest = z
  .object({
    email: z.string().email().max(254),
    password: z.string().min(12, 'must be at least 12 characters').max(1024),
    tenantId: TenantId.nullable(),
    roles: Roles,
  })
  .strict()
  .refine((u) => !u.roles.includes('super_admin') || u.tenantId === null, {
    message: 'super_admin is a platform role: tenantId must be null',
    path: ['roles'],
  })
  .refine((u) => !u.roles.includes('tenant_admin') || u.tenantId !== null, {
    message: 'tenant_admin needs a tenantId',
    path: ['roles'],
  });
/** CreateUserRequest is the body of POST /admin/v1/users. */
export type CreateUserRequest = z.infer<typeof CreateUserRequest>;

/** CreateClientRequest is the body of POST /admin/v1/tenants/:tenant/clients. */
export const CreateClientRequest = z
  .object({
    name: z.string().trim().min(1).max(100),
    roles: Roles.refine((r) => !r.includes('super_admin'), 'a client cannot hold super_admin'),
  })
  .strict();
/** CreateClientRequest is the body of POST /admin/v1/tenants/:tenant/clients. */
export type CreateClientRequest = z.infer<typeof CreateClientRequest>;

/** CreateApiKeyRequest is the (optional) body of POST /admin/v1/tenants/:tenant/api-keys. */
export const CreateApiKeyRequest = z.object({ name: z.string().trim().min(1).max(100).optional() }).strict();
/** CreateApiKeyRequest is the body of POST /admin/v1/tenants/:tenant/api-keys. */
export type CreateApiKeyRequest = z.infer<typeof CreateApiKeyRequest>;

/** ApiKeyRevocationsResponse is the gateway's revocation feed page (GET /internal/v1/api-keys/revocations). */
export const ApiKeyRevocationsResponse = z.object({
  revocations: z.array(
    z.object({
      id: z.number().int().positive(),
      keyHash: z.string().regex(/^[0-9a-f]{64}$/),
      revokedAt: z.string(),
    }),
  ),
  next: z.number().int().nonnegative(),
});
/** ApiKeyRevocationsResponse is the gateway's revocation feed page. */
export type ApiKeyRevocationsResponse = z.infer<typeof ApiKeyRevocationsResponse>;

const Cursor = z
  .string()
  .regex(/^\d{1,15}$/, 'must be a non-negative integer')
  .transform(Number);
// PostgreSQL has no year 0 and text cannot hold U+0000: either in a query parameter was a 500 (found by fuzzing).
const Instant = z.iso
  .datetime({ offset: true })
  .transform((v) => new Date(v))
  .refine((d) => d.getUTCFullYear() >= 1, 'must be in year 1 or later');

/** AuditQueryParams are the query parameters of GET /admin/v1/audit. */
export const AuditQueryParams = z
  .object({
    actor: z
      .string()
      .min(1)
      .max(254)
      .refine((v) => !v.includes('\u0000'), 'must not contain the NUL character')
      .optional(),
    action: z
      .string()
      .regex(/^[a-z_.]{1,64}$/, 'must be an action name like auth.login')
      .optional(),
    tenant: TenantId.optional(),
    since: Instant.optional(),
    until: Instant.optional(),
    cursor: Cursor.optional(),
    limit: z
      .string()
      .regex(/^\d{1,3}$/, 'must be 1-500')
      .transform(Number)
      .pipe(z.number().min(1).max(500))
      .optional(),
  })
  .strict();
/** AuditQueryParams are the query parameters of GET /admin/v1/audit. */
export type AuditQueryParams = z.infer<typeof AuditQueryParams>;
