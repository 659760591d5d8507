import { z } from 'zod';
import { TenantId } from './sla';

/**
 * TenantErasureRequest is the body of POST /v1/tenants/{id}/erasure: the tenant id typed again, so a mistyped path
 * or a replayed request for another tenant erases nothing.
 */
export const TenantErasureRequest = z.object({ confirm: TenantId }).strict();
export type TenantErasureRequest = z.infer<typeof TenantErasureRequest>;

/** ServiceErasureRequest is the body of each service's POST /internal/v1/erasure/tenants/{id}. */
export const ServiceErasureRequest = z
  .object({
    /** The user id (token subject) of the super admin who asked, recorded in the audit trail. */
    requestedBy: z.string().min(1).max(200),
  })
  .strict();
export type ServiceErasureRequest = z.infer<typeof ServiceErasureRequest>;

/** ServiceErasureReceipt says what one service erased for a tenant: rows per store, by name. */
export const ServiceErasureReceipt = z.object({
  service: z.string().min(1),
  tenantId: TenantId,
  erasedAt: z.string().datetime(),
  /** Rows deleted or redacted, per table or store (e.g. users, audit_log_redacted, spans). */
  counts: z.record(z.string(), z.number().int().nonnegative()),
});
export type ServiceErasureReceipt = z.infer<typeof ServiceErasureReceipt>;

/** TenantErasureReceipt is the api's answer: every service's receipt, in the order they ran. */
export const TenantErasureReceipt = z.object({
  tenantId: TenantId,
  requestedBy: z.string(),
  erasedAt: z.string().datetime(),
  services: z.array(ServiceErasureReceipt),
});
export type TenantErasureReceipt = z.infer<typeof TenantErasureReceipt>;
