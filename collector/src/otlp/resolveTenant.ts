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
  for (const source of [attributes, resource]) {
    const v = source[TENANT_ATTRIBUTE];
    if (typeof v === 'string' && TenantId.safeParse(v).success) return v;
  }
  return fallback;
}

/** serviceOf returns the resource's `service.name`, or `unknown_service` as the OTel spec says. */
export function serviceOf(resource: JsonObject): string {
  const v = resource['service.name'];
  return typeof v === 'string' && v.length > 0 ? v.slice(0, 256) : 'unknown_service';
}
