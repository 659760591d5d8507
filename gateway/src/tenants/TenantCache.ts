import type { Kysely } from 'kysely';
import { TierDefaults } from '@sightline/contracts';
import type { GatewayDatabase } from '../db/GatewayDatabase';
import type { GatewayTenant } from './GatewayTenant';

/** TenantCacheOptions configures TenantCache. */
export interface TenantCacheOptions {
  reloadIntervalMs?: number;
  onReloadError?: (err: unknown) => void;
}

/**
 * TenantCache holds every tenant in memory so the proxy never waits on Postgres, and reloads the table on an
 * interval; a failed reload keeps the last good copy.
 */
export class TenantCache {
  private tenants = new Map<string, GatewayTenant>();
  private timer: NodeJS.Timeout | undefined;
  private reloading: Promise<void> | undefined;

  constructor(
    private readonly db: Kysely<GatewayDatabase>,
    private readonly options: TenantCacheOptions = {},
  ) {}

  /** start loads the tenants once (failing loudly) and then keeps reloading them. */
  async start(): Promise<void> {
    await this.reload();
    this.timer = setInterval(() => {
      this.reloading ??= this.reload()
        .catch((err: unknown) => this.options.onReloadError?.(err))
        .finally(() => {
          this.reloading = undefined;
        });
    }, this.options.reloadIntervalMs ?? 5_000);
    this.timer.unref();
  }

  /** get returns the tenant with this id, if it exists. */
  get(id: string): GatewayTenant | undefined {
    return this.tenants.get(id);
  }

  /** list returns every tenant, ordered by id. */
  list(): GatewayTenant[] {
    return [...this.tenants.values()].sort((a, b) => a.id.localeCompare(b.id));
  }

  /** reload replaces the cached tenants with the table's current rows. */
  async reload(): Promise<void> {
    const rows = await this.db
      .selectFrom('gateway.tenants')
      .select(['id', 'name', 'tier', 'timezone', 'rps_override'])
      .execute();
    const next = new Map<string, GatewayTenant>();
    for (const r of rows) {
      next.set(r.id, {
        id: r.id,
        name: r.name,
        tier: r.tier,
        timezone: r.timezone,
        rpsOverride: r.rps_override,
        requestsPerSecond: r.rps_override ?? TierDefaults[r.tier].requestsPerSecond,
      });
    }
    this.tenants = next;
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.reloading;
  }
}
