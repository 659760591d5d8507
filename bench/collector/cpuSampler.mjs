// CPU seconds of one process plus the Postgres backends serving one database, from /proc. The machine's Postgres
// serves other work too, so backends are found through pg_stat_activity (datname) and re-listed while sampling:
// a backend that starts mid-round counts from zero, one that exits keeps its last reading.
import { readFileSync } from 'node:fs';
import pg from 'pg';

const TICKS_PER_S = 100; // USER_HZ on Linux

function cpuSeconds(pid) {
  try {
    const rest = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(rest[11]) + Number(rest[12])) / TICKS_PER_S;
  } catch {
    return NaN;
  }
}

function machine() {
  const f = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  return { total: f.reduce((a, b) => a + b, 0), idle: f[3] + (f[4] ?? 0) };
}

/** startCpuSampler measures until stop(): { processS, postgresS, backends, machineBusy }. */
export async function startCpuSampler(adminUrl, dbName, pid, everyMs = 200) {
  const client = new pg.Client({ connectionString: adminUrl, application_name: 'bench-cpu-sampler' });
  await client.connect();
  const backends = new Map(); // pid → { first, last }
  const list = async (initial) => {
    const { rows } = await client.query(
      `SELECT pid FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`,
      [dbName],
    );
    for (const { pid: p } of rows) {
      const now = cpuSeconds(p);
      if (!Number.isFinite(now)) continue;
      const b = backends.get(p);
      if (b) b.last = now;
      else backends.set(p, { first: initial ? now : 0, last: now });
    }
    for (const [p, b] of backends) {
      const now = cpuSeconds(p);
      if (Number.isFinite(now)) b.last = now;
    }
  };
  const m0 = machine();
  const p0 = cpuSeconds(pid);
  await list(true);
  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      await new Promise((r) => setTimeout(r, everyMs));
      if (!stopped) await list(false);
    }
  })();
  return {
    async stop() {
      stopped = true;
      await loop;
      await list(false);
      const p1 = cpuSeconds(pid);
      const m1 = machine();
      await client.end().catch(() => undefined);
      let postgresS = 0;
      for (const b of backends.values()) postgresS += b.last - b.first;
      return {
        processS: p1 - p0,
        postgresS,
        backends: backends.size,
        machineBusy: 1 - (m1.idle - m0.idle) / Math.max(1, m1.total - m0.total),
      };
    },
  };
}
