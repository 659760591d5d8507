import { Agent, request } from 'node:http';

/** ProbeResult is what a closed-loop probe measured: answers per second by outcome, and latency. */
export interface ProbeResult {
  seconds: number;
  ok: number;
  other: number;
  failed: number;
  /** okPerSecond is the median of the 2xx counted in each second of the measured part (a lucky burst moves it little). */
  okPerSecond: number;
  p50Ms: number;
  p99Ms: number;
}

/**
 * probeCapacity measures the most a service answers: `connections` clients each send their next request as soon as
 * the previous one is answered (closed loop), for warmMs (not counted) and then measureMs; the median of the 2xx
 * answers in each second of the measured part is the capacity, as the HTTP client the open-loop load uses sees it.
 */
export async function probeCapacity(o: {
  url: string;
  headers: Record<string, string>;
  connections: number;
  warmMs: number;
  measureMs: number;
}): Promise<ProbeResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: o.connections });
  const start = Date.now();
  const from = start + o.warmMs;
  const to = from + o.measureMs;
  const latencies: number[] = [];
  const r = { ok: 0, other: 0, failed: 0 };
  const perSecond = new Array<number>(Math.max(1, Math.floor(o.measureMs / 1000))).fill(0);
  const once = () =>
    new Promise<void>((resolve) => {
      const sentAt = Date.now();
      const t = performance.now();
      const done = (status: number) => {
        if (sentAt >= from && sentAt < to) {
          latencies.push(performance.now() - t);
          if (status >= 200 && status < 300) {
            r.ok++;
            const i = Math.floor((sentAt - from) / 1000);
            if (i < perSecond.length) perSecond[i]!++;
          } else if (status === 0) r.failed++;
          else r.other++;
        }
        resolve();
      };
      const req = request(o.url, { headers: o.headers, agent, timeout: 5_000 }, (res) => {
        res.resume();
        res.on('end', () => done(res.statusCode ?? 0));
        res.on('error', () => done(0));
      });
      req.on('timeout', () => req.destroy(new Error('timeout')));
      req.on('error', () => done(0));
      req.end();
    });
  await Promise.all(
    Array.from({ length: o.connections }, async () => {
      while (Date.now() < to) await once();
    }),
  );
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const pct = (p: number) =>
    latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? NaN;
  return {
    seconds: o.measureMs / 1000,
    ...r,
    okPerSecond: [...perSecond].sort((a, b) => a - b)[Math.floor(perSecond.length / 2)]!,
    p50Ms: pct(0.5),
    p99Ms: pct(0.99),
  };
}
