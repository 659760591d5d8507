import type pg from 'pg';
import { dedupKeyFor, groupKeyFor, groupLabelsFor } from '../dispatch/groupLabelsFor';
import type { ResolvedRoute } from '../dispatch/RoutingTree';
import type { ConfigCache } from '../engine/ConfigCache';
import { withTransaction } from '@sightline/db';
import { alertFingerprint } from './alertFingerprint';
import type { AlertSource, IncomingAlert } from './IncomingAlert';

/** IntakeResult says what one batch changed. */
export interface IntakeResult {
  received: number;
  /** changed counts alerts that are new or changed state (the ones that touch their groups). */
  changed: number;
}

/** IntakeListener is told after each committed batch (metrics, a wake-up for the timer loop). */
export type IntakeListener = (source: AlertSource, result: IntakeResult) => void;

/** IntakeOptions tunes how concurrent requests share transactions. */
export interface IntakeOptions {
  /** maxInFlight is how many intake transactions one replica runs at once. */
  maxInFlight?: number;
  /** maxBatchAlerts caps the alerts one shared transaction takes from the queue. */
  maxBatchAlerts?: number;
}

interface QueuedRequest {
  alerts: readonly IncomingAlert[];
  source: AlertSource;
  resolve: (r: IntakeResult) => void;
  reject: (e: unknown) => void;
}

/**
 * AlertIntake stores alerts from every source idempotently (an alert is its fingerprint) and puts the new or changed
 * ones into their routes' groups, scheduling each group's next flush; any replica may take any batch.
 *
 * Requests that arrive while a transaction is in flight wait for the next one and share it (group commit): a burst of
 * one-alert POSTs costs one transaction and one WAL flush per batch instead of per alert, and every request is still
 * answered only after its alerts are committed.
 */
export class AlertIntake {
  private readonly listeners = new Set<IntakeListener>();
  private readonly queue: QueuedRequest[] = [];
  private inFlight = 0;
  private readonly maxInFlight: number;
  private readonly maxBatchAlerts: number;

  /** constructor takes the pool, the configuration cache, the clock and the batching options. */
  constructor(
    private readonly pool: pg.Pool,
    private readonly config: ConfigCache,
    private readonly now: () => Date = () => new Date(),
    options: IntakeOptions = {},
  ) {
    this.maxInFlight = Math.max(1, options.maxInFlight ?? 2);
    this.maxBatchAlerts = Math.max(1, options.maxBatchAlerts ?? 500);
  }

  /** onBatch subscribes to committed batches. */
  onBatch(listener: IntakeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** receive stores one request's alerts; it resolves once they are committed, duplicates keeping the last. */
  receive(alerts: readonly IncomingAlert[], source: AlertSource): Promise<IntakeResult> {
    return new Promise<IntakeResult>((resolve, reject) => {
      this.queue.push({ alerts, source, resolve, reject });
      if (this.inFlight < this.maxInFlight) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.inFlight++;
    try {
      while (this.queue.length > 0) {
        const batch: QueuedRequest[] = [];
        let size = 0;
        while (
          this.queue.length > 0 &&
          (batch.length === 0 || size + this.queue[0]!.alerts.length <= this.maxBatchAlerts)
        ) {
          const next = this.queue.shift()!;
          batch.push(next);
          size += next.alerts.length;
        }
        await this.commit(batch);
      }
    } finally {
      this.inFlight--;
    }
  }

  /** commit stores a shared batch; when it fails, each request is retried alone so one bad request fails alone. */
  private async commit(batch: readonly QueuedRequest[]): Promise<void> {
    let results: IntakeResult[];
    try {
      results = await this.store(batch);
    } catch (err) {
      if (batch.length === 1) {
        batch[0]!.reject(err);
        return;
      }
      for (const request of batch) await this.commit([request]);
      return;
    }
    batch.forEach((request, i) => {
      for (const l of this.listeners) l(request.source, results[i]!);
      request.resolve(results[i]!);
    });
  }

  /** store writes the requests' alerts in one transaction and says, per request, what it changed. */
  private async store(requests: readonly QueuedRequest[]): Promise<IntakeResult[]> {
    const now = this.now();
    const cfg = await this.config.current();
    // The last request to send a fingerprint owns it: its copy is stored and any change is counted for it.
    const byFp = new Map<string, IncomingAlert>();
    const owner = new Map<string, number>();
    const sourceOf = (fp: string): AlertSource => requests[owner.get(fp)!]!.source;
    const results = requests.map((r) => ({
      received: new Set(r.alerts.map((a) => alertFingerprint(a.labels))).size,
      changed: 0,
    }));
    requests.forEach((r, i) => {
      for (const a of r.alerts) {
        const fp = alertFingerprint(a.labels);
        byFp.set(fp, a);
        owner.set(fp, i);
      }
    });
    // Sorted so concurrent batches lock rows in one order and never deadlock.
    const fps = [...byFp.keys()].sort();
    return withTransaction(this.pool, async (client) => {
      const { rows: existing } = await client.query<{ fingerprint: string; status: string }>(
        `SELECT fingerprint, status FROM alerting.alerts WHERE fingerprint = ANY($1) ORDER BY fingerprint FOR UPDATE`,
        [fps],
      );
      const before = new Map(existing.map((r) => [r.fingerprint, r.status]));
      const statuses = fps.map((fp) => {
        const a = byFp.get(fp)!;
        return a.endsAt !== null && a.endsAt <= now ? 'resolved' : 'firing';
      });
      await client.query(
        `INSERT INTO alerting.alerts AS a
           (fingerprint, tenant_id, labels, annotations, status, starts_at, ends_at, generator_url, source, received_at, updated_at)
         SELECT u.fp, u.tenant, u.labels::jsonb, u.annotations::jsonb, u.status, u.starts_at, u.ends_at, u.gen, u.source, $10, $10
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::timestamptz[], $7::timestamptz[], $8::text[],
                     $9::text[])
           AS u(fp, tenant, labels, annotations, status, starts_at, ends_at, gen, source)
         ORDER BY u.fp
         ON CONFLICT (fingerprint) DO UPDATE SET
           labels = excluded.labels,
           annotations = excluded.annotations,
           starts_at = CASE WHEN a.status = 'resolved' AND excluded.status = 'firing' THEN excluded.starts_at ELSE a.starts_at END,
           ends_at = excluded.ends_at,
           generator_url = excluded.generator_url,
           source = excluded.source,
           received_at = excluded.received_at,
           updated_at = CASE WHEN a.status <> excluded.status THEN excluded.updated_at ELSE a.updated_at END,
           status = excluded.status`,
        [
          fps,
          fps.map((fp) => byFp.get(fp)!.labels.tenant ?? null),
          fps.map((fp) => JSON.stringify(byFp.get(fp)!.labels)),
          fps.map((fp) => JSON.stringify(byFp.get(fp)!.annotations)),
          statuses,
          fps.map((fp) => byFp.get(fp)!.startsAt),
          fps.map((fp) => byFp.get(fp)!.endsAt),
          fps.map((fp) => byFp.get(fp)!.generatorUrl),
          fps.map(sourceOf),
          now,
        ],
      );
      // Every (group, alert) pair this batch touches, grouped so each group is upserted once per batch.
      const touched = new Map<
        string,
        { route: ResolvedRoute; groupLabels: Record<string, string>; tenant: string | null; fps: string[] }
      >();
      for (let i = 0; i < fps.length; i++) {
        const fp = fps[i]!;
        const was = before.get(fp);
        // A re-sent alert in the same state changes nothing downstream; only new alerts and transitions do.
        if (was === statuses[i]) continue;
        if (was === undefined && statuses[i] === 'resolved') continue;
        results[owner.get(fp)!]!.changed++;
        const labels = byFp.get(fp)!.labels;
        for (const route of cfg.tree.match(labels)) {
          const groupLabels = groupLabelsFor(route, labels);
          const groupKey = groupKeyFor(route, groupLabels);
          const entry = touched.get(groupKey) ?? {
            route,
            groupLabels,
            tenant: labels.tenant ?? null,
            fps: [],
          };
          entry.fps.push(fp);
          touched.set(groupKey, entry);
        }
      }
      if (touched.size > 0) {
        // Groups are locked in group-key order by every batch, so two batches sharing groups cannot deadlock.
        const keys = [...touched.keys()].sort();
        const col = <T>(f: (e: NonNullable<ReturnType<typeof touched.get>>, key: string) => T): T[] =>
          keys.map((k) => f(touched.get(k)!, k));
        const pairs = keys.flatMap((k) => touched.get(k)!.fps.map((fp) => [k, fp] as const));
        // One statement upserts the groups and links their alerts: a round trip less while the batch holds its locks.
        await client.query(
          `WITH grp AS (
           INSERT INTO alerting.alert_groups AS g
             (group_key, dedup_key, route_id, policy_id, tenant_id, group_labels, state, dirty,
              group_wait_seconds, group_interval_seconds, repeat_interval_seconds, next_flush_at, created_at, updated_at)
           SELECT u.key, u.dedup, u.route, u.policy, u.tenant, u.labels::jsonb, 'pending', true, u.wait, u.intv, u.rep,
                  $10::timestamptz + make_interval(secs => u.wait), $10, $10
           FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::float8[], $8::float8[],
                       $9::float8[]) AS u(key, dedup, route, policy, tenant, labels, wait, intv, rep)
           ORDER BY u.key
           ON CONFLICT (group_key) DO UPDATE SET
             dirty = true,
             updated_at = excluded.updated_at,
             -- A resolved group starts a new incident after group_wait; a live one flushes at its next group_interval.
             next_flush_at = CASE
               WHEN g.state = 'resolved' THEN excluded.next_flush_at
               WHEN g.last_flush_at IS NULL THEN COALESCE(g.next_flush_at, excluded.next_flush_at)
               ELSE LEAST(COALESCE(g.next_flush_at, 'infinity'),
                          GREATEST($10::timestamptz, g.last_flush_at + make_interval(secs => g.group_interval_seconds)))
             END
           RETURNING id, group_key)
           INSERT INTO alerting.group_alerts (group_id, fingerprint)
           SELECT grp.id, p.fp FROM unnest($11::text[], $12::text[]) AS p(key, fp) JOIN grp ON grp.group_key = p.key
           ON CONFLICT DO NOTHING`,
          [
            keys,
            col((_, k) => dedupKeyFor(k)),
            col((e) => e.route.id),
            col((e) => e.route.policyId),
            col((e) => e.tenant),
            col((e) => JSON.stringify(e.groupLabels)),
            col((e) => e.route.groupWaitSeconds),
            col((e) => e.route.groupIntervalSeconds),
            col((e) => e.route.repeatIntervalSeconds),
            now,
            pairs.map((p) => p[0]),
            pairs.map((p) => p[1]),
          ],
        );
      }
      return results;
    });
  }
}
