import type pg from 'pg';
import { dedupKeyFor, groupKeyFor, groupLabelsFor } from '../dispatch/groupLabelsFor';
import type { ResolvedRoute } from '../dispatch/RoutingTree';
import type { ConfigCache } from '../engine/ConfigCache';
import { withTransaction } from '../engine/withTransaction';
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

/**
 * AlertIntake stores alerts from every source idempotently (an alert is its fingerprint) and puts the new or changed
 * ones into their routes' groups, scheduling each group's next flush; any replica may take any batch.
 */
export class AlertIntake {
  private readonly listeners = new Set<IntakeListener>();

  /** constructor takes the pool, the configuration cache and the clock. */
  constructor(
    private readonly pool: pg.Pool,
    private readonly config: ConfigCache,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** onBatch subscribes to committed batches. */
  onBatch(listener: IntakeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** receive stores one batch in one transaction; duplicates within the batch keep the last. */
  async receive(alerts: readonly IncomingAlert[], source: AlertSource): Promise<IntakeResult> {
    const now = this.now();
    const cfg = await this.config.current();
    const byFp = new Map<string, IncomingAlert>();
    for (const a of alerts) byFp.set(alertFingerprint(a.labels), a);
    // Sorted so concurrent batches lock rows in one order and never deadlock.
    const fps = [...byFp.keys()].sort();
    const result = await withTransaction(this.pool, async (client) => {
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
         SELECT u.fp, u.tenant, u.labels::jsonb, u.annotations::jsonb, u.status, u.starts_at, u.ends_at, u.gen, $9, $10, $10
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::timestamptz[], $7::timestamptz[], $8::text[])
           AS u(fp, tenant, labels, annotations, status, starts_at, ends_at, gen)
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
          source,
          now,
        ],
      );
      let changed = 0;
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
        changed++;
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
        const { rows } = await client.query<{ id: string; group_key: string }>(
          `INSERT INTO alerting.alert_groups AS g
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
           RETURNING id, group_key`,
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
          ],
        );
        const idOf = new Map(rows.map((r) => [r.group_key, r.id]));
        const pairs = keys.flatMap((k) => touched.get(k)!.fps.map((fp) => [idOf.get(k)!, fp] as const));
        await client.query(
          `INSERT INTO alerting.group_alerts (group_id, fingerprint)
           SELECT * FROM unnest($1::bigint[], $2::text[]) ON CONFLICT DO NOTHING`,
          [pairs.map((p) => p[0]), pairs.map((p) => p[1])],
        );
      }
      return { received: fps.length, changed };
    });
    for (const l of this.listeners) l(source, result);
    return result;
  }
}
