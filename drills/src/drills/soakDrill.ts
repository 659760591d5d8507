import type { Drill, DrillOptions } from '../Drill';
import { DrillReport } from '../DrillReport';
import { CleanupStack } from '../support/CleanupStack';
import { probeCapacity } from '../support/ClosedLoopProbe';
import type { DrillTenant } from '../support/DrillTenant';
import { count, ms, perSecond, ratio } from '../support/format';
import { machineLoad } from '../support/machineLoad';
import { mib, percent } from '../support/mib';
import { OpenLoopLoad } from '../support/OpenLoopLoad';
import { MetricSampler } from '../support/MetricSampler';
import { median, RssSampler } from '../support/RssSampler';
import { scrapeSum } from '../support/scrapeSum';
import { sleep } from '../support/sleep';
import { startCollectorProcess } from '../support/startCollectorProcess';
import { startGatewayStage } from '../support/startGatewayStage';
import { startRedisProcess } from '../support/startRedisProcess';
import { tally } from '../support/tally';

// A limit far above what two cores can serve: the soak's goal is zero errors, so no 429 is intended.
const TENANT: DrillTenant = {
  id: 'drill-soak',
  apiKey: 'sl_drill_soak_0123456789abcdef01',
  perSecond: 100_000,
};
const LOAD_SHARE = 0.8;
const PROBE_CONNECTIONS = 32;
// JIT, pools and the collector's first partitions: the gateway serves about 4× more after 20 s than in its first 5 s.
const PROBE_WARM_MS = 15_000;
const PROBE_MS = 10_000;
const SAMPLE_MS = 5_000;
const WARM_SHARE = 0.2;
// The windows compared for growth: the fifth of the run right after warm-up, and the last fifth (medians of 12
// samples in the short version, 72 in the full one, which damps the swings of a garbage-collected heap).
const WINDOW_SHARE = 0.2;
const MAX_GROWTH = 0.1;
const TROUGH_MS = 60_000;
const LIVE_HEAP = 'nodejs_heap_live_bytes';
const RESIDENT = 'process_resident_memory_bytes';
const HEAP_COMMITTED = 'nodejs_heap_size_total_bytes';
/** outsideHeap is a scrape's RSS less V8's committed heap: buffers, native allocations and code. */
const outsideHeap = (v: Record<string, number>): number => (v[RESIDENT] ?? NaN) - (v[HEAP_COMMITTED] ?? NaN);

/**
 * soakDrill measures the gateway's capacity with a closed-loop probe, then runs an open-loop load at 80 % of it for
 * 30 minutes (5 in the short version) through the gateway (Redis limiter, tracing on, spans to a collector process):
 * no request may fail, and no service's memory may grow by more than 10 % after the warm-up.
 */
export const soakDrill: Drill = {
  name: 'soak',
  title: 'Soak at 80 % of the measured gateway capacity',
  issueItem: 'issue 10, drill 5',
  async run({ short, log }: DrillOptions): Promise<DrillReport> {
    const runMs = short ? 5 * 60_000 : 30 * 60_000;
    const report = new DrillReport('soak', short);
    const cleanup = new CleanupStack();
    try {
      const redis = await startRedisProcess(cleanup);
      const collector = await startCollectorProcess({}, cleanup);
      const stage = await startGatewayStage(
        {
          tenants: [TENANT],
          env: {
            REDIS_URL: redis.url,
            // The gateway's own telemetry at its heaviest: every request traced (a SERVER and a CLIENT span to the
            // collector, above the 10 % a deployment samples by default), plus the SLI metrics.
            TRACING: 'true',
            TRACE_SAMPLE_RATIO: '1',
            OTEL_SDK_DISABLED: 'false',
            OTLP_ENDPOINT: collector.url,
          },
        },
        cleanup,
      );
      const url = `${stage.proxyUrl}/api/orders`;
      const headers = { 'x-api-key': TENANT.apiKey };
      const rss = RssSampler.start(
        { gateway: () => stage.gateway.pid, collector: () => collector.service.pid },
        SAMPLE_MS,
      );
      cleanup.push({ close: () => rss.stop(), onExit: () => rss.stop() });
      // From each service's own /metrics, in one scrape: the live heap (V8 heap in use after each major collection),
      // which garbage awaiting collection does not swing, and RSS with the V8 heap's committed size, whose difference
      // is the memory outside the JS heap (buffers, native allocations, code).
      const heap = MetricSampler.start(
        [LIVE_HEAP, RESIDENT, HEAP_COMMITTED],
        { gateway: `${stage.adminUrl}/metrics`, collector: collector.metricsUrl },
        SAMPLE_MS,
      );
      cleanup.push({ close: () => heap.stop(), onExit: () => heap.stop() });

      log(
        `probing capacity: ${PROBE_CONNECTIONS} connections, closed loop, ${PROBE_WARM_MS / 1000} s + ${PROBE_MS / 1000} s`,
      );
      const probe = await probeCapacity({
        url,
        headers,
        connections: PROBE_CONNECTIONS,
        warmMs: PROBE_WARM_MS,
        measureMs: PROBE_MS,
      });
      const rps = Math.max(1, Math.floor(probe.okPerSecond * LOAD_SHARE));
      log(
        `capacity ${probe.okPerSecond.toFixed(0)}/s (p99 ${probe.p99Ms.toFixed(0)} ms); soak at ${rps}/s for ${runMs / 60_000} min`,
      );
      // Let the probe's backlog (spans in the gateway's batch, rows in the collector) clear before the clock starts.
      await sleep(3_000);

      const spansBefore = await scrapeSum(collector.metricsUrl, 'collector_signals_accepted_total', {
        signal: 'traces',
      });
      // The load keeps the probe's 32 connections (a client's pool): requests beyond them wait in the client, their
      // latency counted from when they were due. Without that cap every pause opened hundreds of sockets, and the
      // gateway then served less than before (3.3k/s of 5.6k/s offered, down to 1.3k/s; p99 2.4 s).
      // In-flight bound: a quarter of a second of load; past it a request is skipped and counted.
      const maxInFlight = Math.max(256, Math.ceil(rps / 4));
      const load = OpenLoopLoad.start([{ name: 'soak', url, headers, rps }], {
        maxInFlight,
        maxSockets: PROBE_CONNECTIONS,
      });
      cleanup.push({ close: () => load.stop(), onExit: () => undefined });
      const t0 = Date.now();
      const end = t0 + runMs;
      while (Date.now() < end) {
        await sleep(Math.min(60_000, end - Date.now()));
        // The last minute only: sorting every latency so far would stall the generator's own event loop.
        const now = Date.now();
        const so = tally(load.samples, 'soak', now - 60_000, now);
        log(
          `+${Math.round((now - t0) / 1000)} s, last minute: ${count(so.sent)} sent, ${count(so.sent - so.ok)} not 2xx, ` +
            `p99 ${so.p99Ms.toFixed(0)} ms, RSS ${rss.names.map((n) => `${n} ${mib(rss.values(n).at(-1) ?? NaN)}`).join(', ')}`,
        );
      }
      await load.stop();
      rss.stop();

      const all = tally(load.samples, 'soak', t0, end);
      const warmEnd = t0 + runMs * WARM_SHARE;
      report.record(
        'capacity',
        'gateway capacity (closed-loop probe, median 2xx per second)',
        probe.okPerSecond,
        perSecond,
      );
      report.record('probeP99', 'latency p99 at capacity', probe.p99Ms, ms);
      report.check(
        'probeErrors',
        'probe answers other than 2xx',
        probe.other + probe.failed,
        { max: 0 },
        count,
      );
      report.record('targetRps', `soak rate (${LOAD_SHARE * 100} % of capacity)`, rps, perSecond);
      report.check(
        'achieved',
        'achieved rate ÷ soak rate',
        all.sent / all.seconds / rps,
        // The short version runs inside npm test on two shared cores, where the generator itself pauses: it may fall
        // a little further behind (requests it skipped were never sent, so no error hides in them).
        { min: short ? 0.85 : 0.95, max: 1.05 },
        ratio,
      );
      report.record('sent', 'requests sent', all.sent, count);
      report.check(
        'non2xx',
        'answers other than 2xx (no 429 is intended)',
        all.sent - all.ok,
        { max: 0 },
        count,
      );
      report.record('limited', 'of which 429', all.limited, count);
      report.record('serverErrors', 'of which 5xx', all.serverErrors, count);
      report.record('failed', 'of which without an HTTP answer', all.failed, count);
      // Skipped requests were never sent: at 80 % of capacity a pause of the shared machine fills the in-flight bound.
      // The achieved rate above bounds them; they are recorded, not checked on their own.
      report.record(
        'skipped',
        `requests the generator skipped (${maxInFlight} in flight)`,
        all.skipped,
        count,
      );
      report.record(
        'stalled',
        'requests the generator never sent (its own event loop stalled)',
        all.stalled,
        count,
      );
      report.record('p50', 'latency p50', all.p50Ms, ms);
      report.record('p99', 'latency p99', all.p99Ms, ms);
      report.record(
        'p99Last',
        'latency p99 in the last fifth',
        tally(load.samples, 'soak', end - runMs * WINDOW_SHARE, end).p99Ms,
        ms,
      );

      const afterWarm = [warmEnd, warmEnd + runMs * WINDOW_SHARE] as const;
      const last = [end - runMs * WINDOW_SHARE, end + 1] as const;
      for (const name of rss.names) {
        const start = rss.values(name, t0)[0] ?? NaN;
        const warm = median(rss.values(name, ...afterWarm));
        const final = median(rss.values(name, ...last));
        report.record(`${name}RssStart`, `${name} RSS at the start of the load`, start, mib);
        report.record(`${name}RssWarm`, `${name} RSS right after warm-up (median)`, warm, mib);
        report.record(`${name}RssEnd`, `${name} RSS at the end (median)`, final, mib);
        // Samples swing with garbage awaiting collection (130 ↔ 190 MiB on a contended machine with a flat live heap),
        // so growth is judged on the troughs: each minute's lowest sample, the memory held right after a collection.
        report.record(
          `${name}RssMedianGrowth`,
          `${name} RSS growth after warm-up (medians)`,
          final / warm - 1,
          percent,
        );
        const warmTrough = median(rss.troughs(name, ...afterWarm, TROUGH_MS));
        const finalTrough = median(rss.troughs(name, ...last, TROUGH_MS));
        // The troughs are the medians of six per window in the full version; in the short one a window is a single
        // minute, whose lowest sample follows when V8 last returned its free heap pages: between two runs of the same
        // code it moved from -10 % to +16 % (the committed heap swings 70 ↔ 145 MiB around a flat 30 MiB live heap,
        // while RSS less that heap stays within 2 MiB). So the short version records it, and judges memory on the
        // two parts a leak grows that GC timing does not: the live heap and the memory outside the JS heap.
        const troughLabel = `${name} RSS growth after warm-up (each minute's lowest sample, medians)`;
        if (short) report.record(`${name}RssGrowth`, troughLabel, finalTrough / warmTrough - 1, percent);
        else
          report.check(
            `${name}RssGrowth`,
            troughLabel,
            finalTrough / warmTrough - 1,
            { max: MAX_GROWTH },
            percent,
          );
        const warmHeap = median(heap.values(name, LIVE_HEAP, ...afterWarm));
        const finalHeap = median(heap.values(name, LIVE_HEAP, ...last));
        report.record(`${name}HeapWarm`, `${name} live heap right after warm-up (median)`, warmHeap, mib);
        report.check(
          `${name}HeapGrowth`,
          `${name} live heap growth after warm-up (nodejs_heap_live_bytes, medians)`,
          finalHeap / warmHeap - 1,
          { max: MAX_GROWTH },
          percent,
        );
        const warmOutside = median(heap.values(name, outsideHeap, ...afterWarm));
        const finalOutside = median(heap.values(name, outsideHeap, ...last));
        report.record(
          `${name}OutsideHeapWarm`,
          `${name} memory outside the JS heap right after warm-up (RSS less V8's committed heap, median)`,
          warmOutside,
          mib,
        );
        report.check(
          `${name}OutsideHeapGrowth`,
          `${name} memory outside the JS heap, growth after warm-up (medians)`,
          finalOutside / warmOutside - 1,
          { max: MAX_GROWTH },
          percent,
        );
      }
      heap.stop();
      // The gateway exports its spans in batches every 200 ms; give the last batch time to land.
      await sleep(2_000);
      const spans =
        (await scrapeSum(collector.metricsUrl, 'collector_signals_accepted_total', { signal: 'traces' })) -
        spansBefore;
      report.record(
        'spansPerRequest',
        'spans the collector accepted per gateway request',
        spans / all.sent,
        ratio,
      );
      report.record(
        'collectorRefused',
        'requests the collector refused (collector_signals_refused_total)',
        await scrapeSum(collector.metricsUrl, 'collector_signals_refused_total'),
        count,
      );
      report.check(
        'crashes',
        'services that exited during the soak',
        [stage.gateway, collector.service].filter((s) => s.exited() !== undefined).length,
        { max: 0 },
        count,
      );

      report.note(
        `One gateway (Redis limiter on its own redis-server, TRACING=true, spans to a collector process storing them in ` +
          `PostgreSQL), a stand-in auth and a local upstream in the drill's process; one tenant limited to ` +
          `${TENANT.perSecond}/s, far above capacity, so no 429 is intended. Capacity: ${PROBE_CONNECTIONS} connections in a ` +
          `closed loop for ${PROBE_WARM_MS / 1000} s (not counted) + ${PROBE_MS / 1000} s, the median of the 2xx of each second, with the same Node HTTP client as the load, on the same cores.`,
      );
      report.note(
        `Load: open loop at ${LOAD_SHARE * 100} % of capacity for ${runMs / 60_000} min, GET /api/orders, at most ` +
          `${maxInFlight} requests in flight (a quarter of a second of load) over ${PROBE_CONNECTIONS} connections. Warm-up: the first ` +
          `${WARM_SHARE * 100} %. RSS from /proc, and from each service's /metrics the live heap (nodejs_heap_live_bytes, ` +
          `the V8 heap in use after the last major collection) and the memory outside the JS heap ` +
          `(process_resident_memory_bytes less nodejs_heap_size_total_bytes, one scrape), every ${SAMPLE_MS / 1000} s. Growth ` +
          `compares the fifth right after warm-up with the last fifth: medians of the live heap and of the memory outside ` +
          `it, and medians of each minute's lowest RSS sample (the memory held right after a collection; checked in the ` +
          `30-minute version, recorded in the short one, where one minute's trough follows V8's heap sizing; the plain ` +
          `RSS medians are recorded too).`,
      );
      for (const name of rss.names)
        report.note(
          `${name} RSS (MiB), one sample a tenth of the run: ${timeline(rss.values(name, t0, end + 1))}.`,
        );
      const failures = load.samples.filter((x) => x.status === 0 && x.sentAt >= t0 && x.sentAt < end);
      if (failures.length > 0) {
        const byError = new Map<string, number>();
        for (const f of failures) byError.set(f.error ?? '?', (byError.get(f.error ?? '?') ?? 0) + 1);
        const at = (ms: number) => `+${((ms - t0) / 1000).toFixed(0)} s`;
        report.note(
          `Requests without an HTTP answer: ${[...byError].map(([e, n]) => `${e} × ${n}`).join(', ')}; sent from ` +
            `${at(failures[0]!.sentAt)} to ${at(failures.at(-1)!.sentAt)}.`,
        );
      }
      report.note(`Machine: ${machineLoad()}.`);
      return report;
    } finally {
      report.finishedAt = new Date();
      await cleanup.closeAll();
    }
  },
};

function timeline(values: readonly number[]): string {
  const step = Math.max(1, Math.floor(values.length / 10));
  return values
    .filter((_, i) => i % step === 0)
    .map((v) => (v / 2 ** 20).toFixed(0))
    .join(' ');
}
