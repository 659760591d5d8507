import { TenantId } from '@sightline/contracts';
import { BadRequestError } from '@sightline/http';
import type { Request } from 'express';

/** tenantParam returns the validated :tenant path parameter (400 when it is not a tenant id). */
export function tenantParam(req: Request): string {
  const parsed = TenantId.safeParse(req.params.tenant);
  if (!parsed.success) throw new BadRequestError('tenant: must be 1-63 of [a-z0-9_-]');
  return parsed.data;
}
