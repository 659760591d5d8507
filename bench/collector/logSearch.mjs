// Log-search fixtures and probes: bulk-loads synthetic log rows into the collector's own schema (day partitions
// created like PartitionManager names them, rows written with INSERT … SELECT generate_series, which needs no
// round trips), then times the internal API's log search and trace lookup one request at a time.

const DAY_MS = 86_400_000;
const WINDOW_MS = 7 * DAY_MS;
/** TEXT_TERMS are the search terms the probes use, from rare to common. */
export const TEXT_TERMS = [
  'timeout',
  'payment declined',
  'connection reset',
  'cache miss',
  'retrying',
  'u1234',
];

/** ensureLogPartitions creates the logs day partitions of the last `days` days that do not exist yet. */
export async function ensureLogPartitions(client, now, days) {
  const today = Math.floor(now / DAY_MS) * DAY_MS;
  for (let d = -days; d <= 0; d++) {
    const from = new Date(today + d * DAY_MS);
    const to = new Date(from.getTime() + DAY_MS);
    const name = `logs_p${from.toISOString().slice(0, 10).replaceAll('-', '')}`;
    await client.query(
      `CREATE TABLE IF NOT EXISTS collector.${name} PARTITION OF collector.logs
       FOR VALUES FROM ('${from.toISOString()}') TO ('${to.toISOString()}')`,
    );
  }
}

/**
 * loadLogs inserts rows g = first..last (spread over the 7 days before `now` by a hash of g, `tenants` tenants,
 * a quarter of them carrying a trace id shared by 4 rows).
 */
export async function loadLogs(client, { first, last, now, tenants }) {
  await client.query(
    `INSERT INTO collector.logs (time, observed_time, tenant_id, service, severity_number, severity_text, body,
                                 trace_id, span_id, attributes, resource)
     SELECT ts, ts, 'tenant-' || (g % $4), svc, sev, CASE sev WHEN 9 THEN 'INFO' WHEN 13 THEN 'WARN' ELSE 'ERROR' END,
            (ARRAY['GET','POST','PUT','DELETE'])[1 + g % 4] || ' /api/' ||
            (ARRAY['orders','cart','payments','search','users','items','invoices'])[1 + (g / 4) % 7] || '/' ||
            (g % 10007) || ' ' ||
            (ARRAY['completed','completed','completed','completed','completed','cache miss','retrying upstream',
                   'timeout after 30s','payment declined by issuer','connection reset by peer'])[1 + (g / 28) % 10] ||
            ' in ' || (g % 997) || ' ms user=u' || (g % 5003) || ' request_id=' || md5(g::text),
            CASE WHEN g % 4 = 0 THEN md5((g / 16)::text) END,
            CASE WHEN g % 4 = 0 THEN left(md5(g::text || 's'), 16) END,
            jsonb_build_object('http.status_code', CASE WHEN sev >= 17 THEN 500 ELSE 200 END, 'user.id', 'u' || (g % 5003)),
            jsonb_build_object('service.name', svc, 'host.name', svc || '-7d9f8c6b5-x2k' || (g % 5))
     FROM generate_series($1::bigint, $2::bigint) AS g,
          LATERAL (SELECT to_timestamp(($3::bigint - (g * 7919 * 104729) % ${WINDOW_MS}) / 1000.0) AS ts,
                          (ARRAY['gateway','auth','orders','payments','inventory','search'])[1 + (g / 3) % 6] AS svc,
                          (ARRAY[9,9,9,9,9,9,13,13,17,21])[1 + (g / 7) % 10]::smallint AS sev) AS x`,
    [first, last, now, tenants],
  );
}

const quantile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];

/** timeRequests GETs each path in turn and returns p50/p99/max in ms, the statuses seen and the mean rows. */
export async function timeRequests(base, token, paths, rowsOf) {
  const ms = [];
  const statuses = {};
  let rows = 0;
  for (const p of paths) {
    const t0 = performance.now();
    const res = await fetch(`${base}${p}`, { headers: { authorization: `Bearer ${token}` } });
    const body = await res.json();
    ms.push(performance.now() - t0);
    statuses[res.status] = (statuses[res.status] ?? 0) + 1;
    if (res.ok) rows += rowsOf(body);
  }
  ms.sort((a, b) => a - b);
  return {
    n: ms.length,
    p50: quantile(ms, 0.5),
    p99: quantile(ms, 0.99),
    max: ms[ms.length - 1],
    statuses,
    meanRows: rows / ms.length,
  };
}
