import { PLATFORM_TENANT } from '@sightline/contracts';
import type { JsonObject, SignalBatch } from '../../otlp/records';
import { resolveTenant } from '../../otlp/resolveTenant';
import type { ProcessContext, Processor } from '../Processor';

/**
 * TenantAttribution gives every record a tenant: its own `tenant.id`, else its resource's, else the tenant of
 * the API key the sender authenticated with, else `_platform`.
 */
export class TenantAttribution implements Processor {
  readonly name = 'tenant';

  process(batch: SignalBatch, context: ProcessContext): SignalBatch {
    const fallback = context.apiKeyTenant ?? PLATFORM_TENANT;
    const attribute = <T extends { tenantId: string; attributes: JsonObject; resource: JsonObject }>(
      r: T,
    ): T => {
      const tenantId = resolveTenant(r.attributes, r.resource, fallback);
      return tenantId === r.tenantId ? r : { ...r, tenantId };
    };
    return {
      spans: batch.spans.map(attribute),
      logs: batch.logs.map(attribute),
      metrics: batch.metrics.map(attribute),
    };
  }
}
