import { PLATFORM_TENANT, TenantId } from '@sightline/contracts';
import type { JsonObject } from './records';

/** TENANT_ATTRIBUTE is the span, log or resource attribute that names a signal's tenant. */
export const TENANT_ATTRIBUTE = 'tenant.id';

/**
 * resolveTenant picks the record's `tenant.id`, else the resource's, else the fallback (the platform tenant).
 * A value that is not a valid tenant id is ignored (the raw value stays in the attributes).
 */
export function resolveTenant(
  attributes: JsonObject,
  resource: JsonObject,
  fallback: string = PLATFORM_TENANT,
): string {
  const own = attributes[TENANT_ATTRIBUTE];
  if (typeof own === 'string' && isTenantId(own)) return own;
  const inherited = resource[TENANT_ATTRIBUTE];
  if (typeof inherited === 'string' && isTenantId(inherited)) return inherited;
  return fallback;
}

// Every record of every batch is checked, against a handful of tenants: the valid ids seen are remembered (at most
// MEMO_SIZE of them, so hostile values cannot grow it; only valid ids, which cannot hold personal data).
const MEMO_SIZE = 4096;
const known = new Set<string>();

function isTenantId(value: string): boolean {
  if (known.has(value)) return true;
  if (!TenantId.safeParse(value).success) return false;
  if (known.size >= MEMO_SIZE) known.clear();
  known.add(value);
  return true;
}

/** serviceOf returns the resource's `service.name`, or `unknown_service` as the OTel spec says. */
export function serviceOf(resource: JsonObject): string {
  const v = resource['service.name'];
  return typeof v === 'string' && v.length > 0 ? v.slice(0, 256) : 'unknown_service';
}
