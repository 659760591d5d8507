import { z } from 'zod';
import { Tier } from '@sightline/contracts';
import { ENDPOINT_CLASS } from '../routes/RouteSpec';
import { parseCidr } from '../net/IpMatcher';

/** TENANT_ID is the shape of a tenant id: it is part of Redis hash tags and metric labels. */
export const TENANT_ID = /^[a-z0-9][a-z0-9_-]{0,62}$/;

const limit = () => z.number().int().min(0).max(10_000_000).nullable();

/** WindowLimitsBody is a per-second and per-minute limit pair; null removes that window's limit. */
export const WindowLimitsBody = z.strictObject({
  perSecond: limit().optional(),
  perMinute: limit().optional(),
});

/** ClassLimitsBody maps endpoint classes to their window limits. */
export const ClassLimitsBody = z
  .record(
    z.string().regex(ENDPOINT_CLASS, 'endpoint class must match [a-z][a-z0-9_-]{0,31}'),
    WindowLimitsBody,
  )
  .refine((r) => Object.keys(r).length <= 32, 'at most 32 endpoint classes');

/** TenantParam is a :tenant path parameter. */
export const TenantParam = z.string().regex(TENANT_ID, 'tenant id must match [a-z0-9][a-z0-9_-]{0,62}');

/** CreateTenantBody is the body of POST /admin/v1/tenants. */
export const CreateTenantBody = z.strictObject({
  id: TenantParam,
  name: z.string().trim().min(1).max(200),
  tier: Tier,
  timezone: z.string().min(1).max(64).default('UTC'),
});

/** UpdateTenantBody is the body of PATCH /admin/v1/tenants/:tenant. */
export const UpdateTenantBody = z
  .strictObject({
    name: z.string().trim().min(1).max(200).optional(),
    tier: Tier.optional(),
    timezone: z.string().min(1).max(64).optional(),
  })
  .refine((b) => Object.keys(b).length > 0, 'name a field to change');

/** ShadowBody is the body of PUT /admin/v1/tenants/:tenant/shadow. */
export const ShadowBody = z.strictObject({ enabled: z.boolean() });

/** OverrideBody is the body of PUT /admin/v1/tenants/:tenant/override. */
export const OverrideBody = z.strictObject({
  perSecond: limit().default(null),
  perMinute: limit().default(null),
  classLimits: ClassLimitsBody.default({}),
  reason: z.string().trim().max(500).default(''),
});

/** TierBody is the body of PUT /admin/v1/tiers/:tier. */
export const TierBody = z.strictObject({
  perSecond: limit(),
  perMinute: limit(),
  classLimits: ClassLimitsBody.default({}),
});

/** AdjustmentBody is the body of POST /admin/v1/adjustments: a multiplier or absolute limits, with an expiry. */
export const AdjustmentBody = z
  .strictObject({
    tenantId: TenantParam.nullable().default(null),
    endpointClass: z.string().regex(ENDPOINT_CLASS).nullable().default(null),
    multiplier: z.number().min(0).max(1000).optional(),
    perSecond: z.number().int().min(0).max(10_000_000).optional(),
    perMinute: z.number().int().min(0).max(10_000_000).optional(),
    expiresInSeconds: z
      .number()
      .int()
      .min(1)
      .max(30 * 86_400)
      .optional(),
    expiresAt: z.iso.datetime({ offset: true }).optional(),
    reason: z.string().trim().min(1, 'say why').max(500),
  })
  .refine((b) => (b.multiplier !== undefined) !== (b.perSecond !== undefined || b.perMinute !== undefined), {
    message: 'give either multiplier or perSecond/perMinute, not both',
    path: ['multiplier'],
  })
  .refine((b) => (b.expiresInSeconds !== undefined) !== (b.expiresAt !== undefined), {
    message: 'give either expiresInSeconds or expiresAt',
    path: ['expiresInSeconds'],
  });

/** AllowlistBody is the body of POST /admin/v1/allowlist. */
export const AllowlistBody = z
  .strictObject({
    kind: z.enum(['cidr', 'user_agent']),
    value: z.string().min(1).max(256),
    reason: z.string().trim().max(500).default(''),
  })
  .superRefine((b, ctx) => {
    if (b.kind !== 'cidr') {
      if (b.value.length < 4 || !/^[\x20-\x7e]+$/.test(b.value))
        ctx.addIssue({
          code: 'custom',
          path: ['value'],
          message: 'user agent prefix must be 4+ printable characters',
        });
      return;
    }
    try {
      parseCidr(b.value);
    } catch {
      ctx.addIssue({ code: 'custom', path: ['value'], message: 'not a CIDR' });
    }
  });

/** IpLimitBody is the body of PUT /admin/v1/ip-limits/:class. */
export const IpLimitBody = z.strictObject({ perSecond: limit(), perMinute: limit() });

/** IdParam is a numeric :id path parameter. */
export const IdParam = z.string().regex(/^[1-9]\d{0,17}$/, 'id must be a positive integer');

/** AuditQuery is the query of GET /admin/v1/audit. */
export const AuditQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  before: IdParam.optional(),
});
