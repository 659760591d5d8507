// Times the alert engine's recurring queries (copied from alerting/src: AlertEngine.tick, flushGroup, the outbox
// claim) with EXPLAIN ANALYZE on a database the benchmark filled, inside a transaction that is rolled back, so the
// result says which of them grow with the number of stored alerts. Read-only for the data: nothing is committed.
import pg from 'pg';

const PROBES = [
  {
    name: 'tick: inhibition sources (AlertEngine.context)',
    sql: `SELECT labels FROM alerting.alerts WHERE status = 'firing'
            AND (labels->>'severity' = 'page' OR labels ? 'scope') LIMIT 10000`,
  },
  {
    name: 'tick: expire alerts (AlertEngine.expireAlerts)',
    sql: `UPDATE alerting.alerts SET status = 'resolved', updated_at = now()
          WHERE status = 'firing' AND ends_at IS NOT NULL AND ends_at <= now() RETURNING fingerprint`,
  },
  {
    name: 'tick: due flushes (AlertEngine.dueIds)',
    sql: `SELECT id FROM alerting.alert_groups WHERE next_flush_at <= now() ORDER BY next_flush_at LIMIT 500`,
  },
  {
    name: 'tick: group gauges (AlertEngine.updateGauges)',
    sql: `SELECT CASE WHEN state = 'firing' AND acknowledged_at IS NOT NULL THEN 'acknowledged'
                 WHEN muted IS NOT NULL AND state <> 'resolved' THEN 'muted' ELSE state END AS state, count(*) AS n
          FROM alerting.alert_groups WHERE state <> 'resolved' OR resolved_at > now() - interval '1 hour' GROUP BY 1`,
  },
  {
    name: 'flush: alerts of the largest group (groupAlerts)',
    // The largest group's id is looked up first, so the timing is of the engine's query alone.
    sql: `SELECT a.* FROM alerting.alerts a JOIN alerting.group_alerts ga ON ga.fingerprint = a.fingerprint
          WHERE ga.group_id = :largestGroup ORDER BY a.status, a.starts_at, a.fingerprint`,
  },
  {
    name: 'outbox: claim (claimNotifications)',
    sql: `SELECT c.id FROM alerting.notifications c
          WHERE c.status = 'pending' AND c.next_attempt_at <= now() AND (c.locked_until IS NULL OR c.locked_until <= now())
            AND NOT EXISTS (SELECT 1 FROM alerting.notifications p WHERE p.status = 'pending'
              AND p.target_key = c.target_key AND p.id < c.id AND p.group_id IS NOT DISTINCT FROM c.group_id)
          ORDER BY c.next_attempt_at, c.id LIMIT 20 FOR UPDATE SKIP LOCKED`,
  },
];

function topNodes(plan) {
  // The leaf scans say whether a query reads an index or the whole table.
  const out = [];
  const walk = (n) => {
    if (/Scan/.test(n['Node Type']) && n['Relation Name']) {
      const loops = n['Actual Loops'] ?? 1;
      const removed = (n['Rows Removed by Filter'] ?? 0) * loops;
      out.push(
        `${n['Node Type']} on ${n['Relation Name']} (${n['Actual Rows'] * loops} rows${removed ? `, ${removed} read and filtered out` : ''})`,
      );
    }
    for (const c of n.Plans ?? []) walk(c);
  };
  walk(plan);
  return out;
}

/** probeEngineQueries returns each probe's execution time (best of three) and its scans, plus table sizes. */
export async function probeEngineQueries(url) {
  const c = new pg.Client({ connectionString: url, application_name: 'bench-probe' });
  await c.connect();
  try {
    const sizes = (
      await c.query(`SELECT (SELECT count(*) FROM alerting.alerts)::int AS alerts,
                            (SELECT count(*) FROM alerting.alerts WHERE status = 'firing')::int AS firing,
                            (SELECT count(*) FROM alerting.alert_groups)::int AS groups,
                            (SELECT count(*) FROM alerting.notifications)::int AS notifications`)
    ).rows[0];
    const largest = Number(
      (await c.query(`SELECT group_id FROM alerting.group_alerts GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`))
        .rows[0]?.group_id ?? 0,
    );
    const results = [];
    for (const p of PROBES) {
      const sql = p.sql.replace(':largestGroup', String(largest));
      let best = Infinity;
      let scans = [];
      for (let i = 0; i < 3; i++) {
        await c.query('BEGIN');
        try {
          const { rows } = await c.query(`EXPLAIN (ANALYZE, FORMAT JSON) ${sql}`);
          const plan = rows[0]['QUERY PLAN'][0];
          if (plan['Execution Time'] < best) {
            best = plan['Execution Time'];
            scans = topNodes(plan.Plan);
          }
        } finally {
          await c.query('ROLLBACK');
        }
      }
      results.push({ name: p.name, ms: best, scans });
    }
    return { sizes, results };
  } finally {
    await c.end();
  }
}
