// A poor man's profiler for where a database's time goes (pg_stat_statements is not preloaded on this machine):
// samples pg_stat_activity every few ms and counts, per normalised statement, how often a backend was busy in it
// (running, or waiting on a lock / I/O, or idle inside a transaction).
import pg from 'pg';

/** startPgActivitySampler samples the database dbName until stop(); `busy` is the mean number of backends in a statement. */
export async function startPgActivitySampler(adminUrl, dbName, everyMs = 100) {
  const client = new pg.Client({ connectionString: adminUrl, application_name: 'bench-sampler' });
  await client.connect();
  const counts = new Map();
  let samples = 0;
  let stopped = false;
  let paused = false;
  const loop = (async () => {
    while (!stopped) {
      if (paused) {
        await new Promise((r) => setTimeout(r, everyMs));
        continue;
      }
      const { rows } = await client.query(
        `SELECT state, coalesce(wait_event_type, '') AS wt, coalesce(wait_event, '') AS we,
                left(regexp_replace(query, '\\s+', ' ', 'g'), 110) AS q
         FROM pg_stat_activity
         WHERE datname = $1 AND pid <> pg_backend_pid() AND state IS NOT NULL AND state <> 'idle'
           AND coalesce(application_name, '') <> 'bench-sampler'`,
        [dbName],
      );
      samples++;
      for (const r of rows) {
        const key = r.state === 'active' ? r.q : `(${r.state}) ${r.q}`;
        const c = counts.get(key) ?? { n: 0, waits: new Map() };
        c.n++;
        if (r.wt) c.waits.set(`${r.wt}:${r.we}`, (c.waits.get(`${r.wt}:${r.we}`) ?? 0) + 1);
        counts.set(key, c);
      }
      await new Promise((r) => setTimeout(r, everyMs));
    }
  })();
  return {
    /** pause stops counting (e.g. while the baseline runs) until resume(). */
    pause() {
      paused = true;
    },
    resume() {
      paused = false;
    },
    async stop() {
      stopped = true;
      await loop.catch(() => undefined);
      await client.end().catch(() => undefined);
      const top = [...counts.entries()]
        .sort((a, b) => b[1].n - a[1].n)
        .map(([query, c]) => ({
          query,
          busy: c.n / Math.max(1, samples),
          waits: [...c.waits.entries()]
            .sort((a, b) => b[1] - a[1])
            .slice(0, 2)
            .map(([w, n]) => `${w} ${Math.round((100 * n) / c.n)}%`),
        }));
      return { samples, top };
    },
  };
}
