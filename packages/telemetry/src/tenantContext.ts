import type { Context } from '@opentelemetry/api';
import { context, createContextKey } from '@opentelemetry/api';

const TENANT_KEY = createContextKey('sightline.tenant_id');

/** withTenant returns a context that carries the tenant id, so logs and spans made inside it are stamped. */
export function withTenant(tenantId: string, ctx: Context = context.active()): Context {
  return ctx.setValue(TENANT_KEY, tenantId);
}

/** activeTenant returns the tenant id of the active context, if any. */
export function activeTenant(ctx: Context = context.active()): string | undefined {
  return ctx.getValue(TENANT_KEY) as string | undefined;
}
