import { type LoadSample, SKIPPED, STALLED } from './OpenLoopLoad';

/** Tally counts what one stream's requests got in a time range. */
export interface Tally {
  sent: number;
  ok: number;
  limited: number;
  serverErrors: number;
  /** failed requests got no HTTP status at all (refused, reset, timed out). */
  failed: number;
  /** skipped requests were never sent: the generator's in-flight bound was reached. */
  skipped: number;
  /** stalled requests were never sent: the generator's own event loop stalled past its catch-up allowance. */
  stalled: number;
  other: number;
  seconds: number;
  p50Ms: number;
  p99Ms: number;
}

/** tally counts the samples of one stream sent in [fromMs, toMs) by outcome, with latency percentiles. */
export function tally(samples: readonly LoadSample[], stream: string, fromMs: number, toMs: number): Tally {
  const t: Tally = {
    sent: 0,
    ok: 0,
    limited: 0,
    serverErrors: 0,
    failed: 0,
    skipped: 0,
    stalled: 0,
    other: 0,
    seconds: (toMs - fromMs) / 1000,
    p50Ms: NaN,
    p99Ms: NaN,
  };
  const latencies: number[] = [];
  for (const s of samples) {
    if (s.stream !== stream || s.sentAt < fromMs || s.sentAt >= toMs) continue;
    if (s.status === SKIPPED) {
      t.skipped++;
      continue;
    }
    if (s.status === STALLED) {
      t.stalled++;
      continue;
    }
    t.sent++;
    latencies.push(s.latencyMs);
    if (s.status >= 200 && s.status < 300) t.ok++;
    else if (s.status === 429) t.limited++;
    else if (s.status >= 500) t.serverErrors++;
    else if (s.status === 0) t.failed++;
    else t.other++;
  }
  latencies.sort((a, b) => a - b);
  const pct = (p: number) =>
    latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? NaN;
  t.p50Ms = pct(0.5);
  t.p99Ms = pct(0.99);
  return t;
}

/** perSecond counts one stream's 2xx answers in each whole second from fromMs, for a timeline. */
export function admittedPerSecond(
  samples: readonly LoadSample[],
  stream: string,
  fromMs: number,
  toMs: number,
): number[] {
  const n = Math.floor((toMs - fromMs) / 1000);
  const counts = new Array<number>(Math.max(0, n)).fill(0);
  for (const s of samples) {
    if (s.stream !== stream || s.status < 200 || s.status >= 300) continue;
    const i = Math.floor((s.sentAt - fromMs) / 1000);
    if (i >= 0 && i < n) counts[i]!++;
  }
  return counts;
}
