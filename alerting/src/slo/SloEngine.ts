import { SLI_WINDOWS } from '@sightline/slo';
import type { Logger } from 'pino';
import type { AlertingMetrics } from '../alertingMetrics';
import type { FiringAlert } from './AlertTransitions';
import { AlertTransitions } from './AlertTransitions';
import { burnAlertIdentity } from './burnAlertIdentity';
import type { EvaluableSlo } from './EvaluableSlo';
import type { SloStatus } from './math/computeSloStatus';
import { computeSloStatus } from './math/computeSloStatus';
import { evaluateBurnAlerts } from './math/evaluateBurnAlerts';
import type { RollupSource } from './rollups/RollupSource';
import type { SloAlertBus } from './SloAlertBus';
import type { SloAlertEvent } from './SloAlertEvent';
import type { SloStore } from './SloStore';

/** TenantEvaluation is the latest evaluation of one tenant's SLOs. */
export interface TenantEvaluation {
  evaluatedAt: string;
  statuses: SloStatus[];
}

/** SloEngineOptions configures SloEngine. */
export interface SloEngineOptions {
  definitions: readonly EvaluableSlo[];
  source: RollupSource;
  store: SloStore;
  bus: SloAlertBus;
  logger: Logger;
  metrics: AlertingMetrics;
  intervalMs: number;
  historyRetentionDays: number;
  eventRetentionDays: number;
  /** pruneEveryMs is how often old snapshots and events are deleted. */
  pruneEveryMs?: number;
  now?: () => Date;
}

/** RoundResult says what one evaluation round did. */
export interface RoundResult {
  evaluated: string[];
  failed: string[];
  events: SloAlertEvent[];
}

/**
 * SloEngine evaluates every tenant's SLOs from rollups on a fixed interval: status, burn-rate alerts, a snapshot
 * per minute for the budget history, and firing/resolved events stored and then published.
 */
export class SloEngine {
  private readonly transitions = new AlertTransitions();
  private readonly latest = new Map<string, TenantEvaluation>();
  private readonly byTenant = new Map<string, EvaluableSlo[]>();
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;
  private lastPrune = 0;
  private readonly now: () => Date;

  constructor(private readonly options: SloEngineOptions) {
    this.now = options.now ?? (() => new Date());
    for (const d of options.definitions)
      this.byTenant.set(d.tenant, [...(this.byTenant.get(d.tenant) ?? []), d]);
  }

  /** definitions lists the SLOs the engine evaluates. */
  get definitions(): readonly EvaluableSlo[] {
    return this.options.definitions;
  }

  /** restore reloads the alerts that were firing when the service last stopped. */
  async restore(): Promise<void> {
    this.transitions.restore(await this.options.store.firingAlerts());
  }

  /** start restores state, evaluates at once and then every intervalMs (rounds never overlap). */
  async start(): Promise<void> {
    await this.restore();
    const loop = (): void => {
      this.running = this.evaluateOnce()
        .then(() => undefined)
        .catch((err: unknown) => this.options.logger.error({ err }, 'SLO evaluation round failed'))
        .finally(() => {
          if (!this.stopped) this.timer = setTimeout(loop, this.options.intervalMs);
        });
    };
    loop();
  }

  /** stop ends the loop and waits for a round in progress. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  /** evaluate returns the latest evaluation of one tenant, if it has run. */
  evaluation(tenant: string): TenantEvaluation | undefined {
    return this.latest.get(tenant);
  }

  /** firingFor lists the alerts firing now for a tenant. */
  firingFor(tenant: string, slo?: string): FiringAlert[] {
    return this.transitions.firingFor(tenant, slo);
  }

  /** evaluateOnce runs one round over every tenant; a tenant whose rollups cannot be read keeps its alert state. */
  async evaluateOnce(): Promise<RoundResult> {
    const { source, store, bus, metrics, logger } = this.options;
    const endTimer = metrics.evaluationSeconds.startTimer();
    const at = this.now();
    const result: RoundResult = { evaluated: [], failed: [], events: [] };
    for (const [tenant, defs] of this.byTenant) {
      const windows = [...new Set<string>([...SLI_WINDOWS, ...defs.map((d) => d.period)])];
      const read = await source.windows(tenant, windows);
      if (read.kind === 'failure') {
        metrics.evaluations.inc({
          outcome: read.reason === 'unavailable' ? 'collector_unavailable' : 'bad_response',
        });
        logger.warn(
          { tenant_id: tenant, reason: read.reason, detail: read.detail },
          'rollups unavailable; SLOs not evaluated',
        );
        result.failed.push(tenant);
        continue;
      }
      const statuses = defs.map((d) => computeSloStatus(d, read.rollups.windows));
      const observations = defs.flatMap((d, i) =>
        evaluateBurnAlerts(d, statuses[i]!).map((check) => ({
          identity: burnAlertIdentity(d, check),
          active: check.active,
          longBurnRate: check.longBurnRate,
          shortBurnRate: check.shortBurnRate,
        })),
      );
      const pending = this.transitions.observe(observations, at);
      try {
        await store.saveSnapshots(statuses, at);
        const stored = await store.appendEvents(pending);
        for (const e of stored) {
          metrics.alertEvents.inc({ state: e.state, severity: e.labels.severity ?? '' });
          bus.publish(e);
        }
        result.events.push(...stored);
      } catch (err) {
        // Undo the transitions, so the same events are produced again next round instead of being lost.
        this.transitions.undo(pending);
        metrics.evaluations.inc({ outcome: 'store_failed' });
        logger.error({ err, tenant_id: tenant }, 'storing SLO evaluation failed');
        result.failed.push(tenant);
        continue;
      }
      for (const s of statuses) {
        for (const [w, v] of Object.entries(s.windows))
          if (v.burnRate !== null) metrics.burnRate.set({ tenant, slo: s.slo, window: w }, v.burnRate);
        if (s.errorBudgetRemaining !== null)
          metrics.budgetRemaining.set({ tenant, slo: s.slo }, s.errorBudgetRemaining);
      }
      this.latest.set(tenant, { evaluatedAt: at.toISOString(), statuses });
      metrics.evaluations.inc({ outcome: 'ok' });
      result.evaluated.push(tenant);
    }
    await this.maybePrune(at);
    endTimer();
    return result;
  }

  private async maybePrune(at: Date): Promise<void> {
    const every = this.options.pruneEveryMs ?? 3_600_000;
    if (at.getTime() - this.lastPrune < every) return;
    this.lastPrune = at.getTime();
    try {
      const n = await this.options.store.prune(
        at,
        this.options.historyRetentionDays,
        this.options.eventRetentionDays,
      );
      if (n.snapshots + n.events > 0) this.options.logger.info(n, 'pruned SLO history');
    } catch (err) {
      this.options.logger.warn({ err }, 'pruning SLO history failed');
    }
  }
}
