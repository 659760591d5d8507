import { Tenant } from '@sightline/contracts';
import { z } from 'zod';
import { BadGatewayError } from '@sightline/http';
import type { InternalService } from '@sightline/http';

const TenantList = z.array(Tenant);
const EffectiveLimits = z.object({
  tenantId: z.string(),
  perSecond: z.number().int().positive().nullable(),
  perMinute: z.number().int().positive().nullable(),
  shadow: z.boolean(),
});
/** EffectiveLimits are a tenant's limits in force at the gateway: tier defaults, override, emergency adjustments. */
export type EffectiveLimits = z.infer<typeof EffectiveLimits>;

/** GatewayAdminClient lists tenants from the gateway's admin port, caching the list briefly. */
export class GatewayAdminClient {
  private cached: { at: number; tenants: Tenant[] } | undefined;
  private inflight: Promise<Tenant[]> | undefined;

  constructor(
    readonly service: InternalService,
    private readonly cacheMs = 5000,
  ) {}

  /** listTenants returns every tenant; concurrent callers share one request, and failures are not cached. */
  async listTenants(): Promise<Tenant[]> {
    if (this.cached && Date.now() - this.cached.at < this.cacheMs) return this.cached.tenants;
    this.inflight ??= this.load().finally(() => {
      this.inflight = undefined;
    });
    return this.inflight;
  }

  /** findTenant returns one tenant, or undefined when the gateway does not know it. */
  async findTenant(id: string): Promise<Tenant | undefined> {
    return (await this.listTenants()).find((t) => t.id === id);
  }

  /** limits returns the tenant's limits in force, or undefined when the gateway does not know the tenant. */
  async limits(id: string): Promise<EffectiveLimits | undefined> {
    const res = await this.service.getJson(
      `/internal/v1/tenants/${encodeURIComponent(id)}/limits`,
      EffectiveLimits,
    );
    if (res.ok) return res.body;
    if (res.status === 404) return undefined;
    throw new BadGatewayError(this.service.name);
  }

  private async load(): Promise<Tenant[]> {
    const res = await this.service.getJson('/internal/v1/tenants', TenantList);
    if (!res.ok) throw new BadGatewayError(this.service.name);
    this.cached = { at: Date.now(), tenants: res.body };
    return res.body;
  }
}
