import type { Kysely } from 'kysely';
import { PgListener } from '@sightline/db';
import type { GatewayDatabase } from '../db/GatewayDatabase';
import type { ConfigRows } from './buildLimitConfig';
import { buildLimitConfig } from './buildLimitConfig';
import type { GatewayTenant, LimitConfig, TenantEntry } from './LimitConfig';
import { loadConfigRows } from './loadConfigRows';

/** CONFIG_CHANNEL is the Postgres NOTIFY channel the config tables' triggers notify on. */
export const CONFIG_CHANNEL = 'gateway_config';

/** ReloadTrigger says why the config was reloaded (a metric label). */
export type ReloadTrigger = 'start' | 'notify' | 'listen' | 'reconcile' | 'expiry' | 'manual';

/** LimitConfigStoreOptions configures LimitConfigStore. */
export interface LimitConfigStoreOptions {
  db: Kysely<GatewayDatabase>;
  /** Used for the LISTEN session; unset → no LISTEN (reconcile only). */
  databaseUrl?: string;
  classes: { tenant: readonly string[]; ip: readonly string[] };
  reconcileMs: number;
  onReload?: (trigger: ReloadTrigger, ok: boolean, err?: unknown) => void;
  onListenError?: (err: Error) => void;
}

/**
 * LimitConfigStore keeps the current LimitConfig in memory so the proxy never waits on Postgres. It reloads
 * when a config table NOTIFYs, whenever its LISTEN session reconnects, every reconcile interval, and when the
 * soonest emergency adjustment expires; a failed reload keeps the last good snapshot.
 */
export class LimitConfigStore {
  private snapshot: LimitConfig;
  private reloading: Promise<void> | undefined;
  private pending: ReloadTrigger | undefined;
  private reconcileTimer: NodeJS.Timeout | undefined;
  private expiryTimer: NodeJS.Timeout | undefined;
  private listener: PgListener | undefined;
  private stopped = false;

  constructor(private readonly options: LimitConfigStoreOptions) {
    this.snapshot = buildLimitConfig(emptyRows(), options.classes, Date.now());
  }

  /** start loads the config once (failing loudly), then listens for changes and reconciles periodically. */
  async start(): Promise<void> {
    await this.load('start');
    this.reconcileTimer = setInterval(() => this.requestReload('reconcile'), this.options.reconcileMs);
    this.reconcileTimer.unref();
    if (this.options.databaseUrl) {
      this.listener = new PgListener({
        connectionString: this.options.databaseUrl,
        channel: CONFIG_CHANNEL,
        applicationName: 'gateway-config-listener',
        onNotify: () => this.requestReload('notify'),
        onListening: () => this.requestReload('listen'),
        onError: (err) => this.options.onListenError?.(err),
      });
      await this.listener.start();
    }
  }

  /** current returns the snapshot in force. */
  current(): LimitConfig {
    return this.snapshot;
  }

  /** get returns the tenant with this id and its plans, if it exists. */
  get(id: string): TenantEntry | undefined {
    return this.snapshot.tenants.get(id);
  }

  /** list returns every tenant, ordered by id. */
  list(): GatewayTenant[] {
    return [...this.snapshot.tenants.values()].map((e) => e.tenant).sort((a, b) => a.id.localeCompare(b.id));
  }

  /** reload loads the tables now and resolves once the new snapshot is in force. */
  async reload(): Promise<void> {
    this.requestReload('manual');
    while (this.reloading) await this.reloading;
  }

  /** stop ends the timers and the LISTEN session. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.reconcileTimer) clearInterval(this.reconcileTimer);
    if (this.expiryTimer) clearTimeout(this.expiryTimer);
    await this.listener?.stop();
    while (this.reloading) await this.reloading;
  }

  private requestReload(trigger: ReloadTrigger): void {
    if (this.stopped) return;
    if (this.reloading) {
      // A change that lands during a reload may not be in it: reload once more afterwards.
      this.pending = trigger;
      return;
    }
    this.reloading = this.load(trigger)
      .catch(() => undefined)
      .finally(() => {
        this.reloading = undefined;
        const next = this.pending;
        this.pending = undefined;
        if (next) this.requestReload(next);
      });
  }

  private async load(trigger: ReloadTrigger): Promise<void> {
    let rows: ConfigRows;
    try {
      rows = await loadConfigRows(this.options.db);
    } catch (err) {
      this.options.onReload?.(trigger, false, err);
      throw err;
    }
    this.snapshot = buildLimitConfig(rows, this.options.classes, Date.now());
    this.options.onReload?.(trigger, true);
    this.scheduleExpiry();
  }

  private scheduleExpiry(): void {
    if (this.expiryTimer) clearTimeout(this.expiryTimer);
    this.expiryTimer = undefined;
    const at = this.snapshot.nextExpiry;
    if (at === undefined || this.stopped) return;
    // setTimeout holds at most ~24.8 days; the reconcile loop covers anything further out.
    const delay = Math.min(Math.max(0, at - Date.now()) + 5, 2 ** 31 - 1);
    this.expiryTimer = setTimeout(() => this.requestReload('expiry'), delay);
    this.expiryTimer.unref();
  }
}

function emptyRows(): ConfigRows {
  return { tiers: [], tenants: [], overrides: [], adjustments: [], allowlist: [], ipLimits: [] };
}
