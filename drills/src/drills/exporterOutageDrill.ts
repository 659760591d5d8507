import type { Drill, DrillOptions } from '../Drill';
import { DrillReport } from '../DrillReport';
import { CleanupStack } from '../support/CleanupStack';
import { count, ms, perSecond } from '../support/format';
import { machineLoad } from '../support/machineLoad';
import { mib, percent } from '../support/mib';
import { OtlpIngest } from '../support/OtlpIngest';
import { median, RssSampler } from '../support/RssSampler';
import { scrapeSum } from '../support/scrapeSum';
import { sleep } from '../support/sleep';
import { startCollectorProcess } from '../support/startCollectorProcess';
import { useWorkspaceModules } from '../support/workspaceModules';

const REQUESTS_PER_SECOND = { traces: 10, logs: 10 };
const RECORDS_PER_REQUEST = 20;
const MEMORY_LIMIT_BYTES = 16 * 1024 * 1024;
const SEGMENT_BYTES = 256 * 1024;
const POLL_MS = 250;
// The collector container's memory limit in helm/sightline/values.yaml.
const COLLECTOR_MEMORY_LIMIT = 768 * 1024 * 1024;
// Jaeger stays up: a span acknowledged this long ago must already be there, whatever Elasticsearch does.
const JAEGER_LAG_MS = 2_000;

/**
 * exporterOutageDrill runs the collector as its own process with its Jaeger and Elasticsearch exporters pointed at the
 * contract-checking fakes, ingests spans and logs at a fixed rate, and takes Elasticsearch down (connections refused,
 * then every bulk item answered 503); once it is back, every record the collector acknowledged must reach each
 * exporter exactly once, no sender may see a 5xx, and the collector's memory must level off while the disk queue grows.
 */
export const exporterOutageDrill: Drill = {
  name: 'exporter-outage',
  title: 'Elasticsearch down under steady ingest at the collector',
  issueItem: 'issue 10, drill 3',
  async run({ short, log }: DrillOptions): Promise<DrillReport> {
    const warmMs = short ? 15_000 : 30_000;
    const outageMs = short ? 20_000 : 300_000;
    const afterMs = short ? 5_000 : 30_000;
    const drainDeadlineMs = short ? 30_000 : 120_000;
    const recordsPerSecond = (REQUESTS_PER_SECOND.traces + REQUESTS_PER_SECOND.logs) * RECORDS_PER_REQUEST;
    // Four times the backlog the outage builds (≈ 600 B a record on disk): nothing may be dropped for space.
    const queueMaxBytes =
      Math.max(64, Math.ceil((4 * recordsPerSecond * 600 * outageMs) / 1000 / 2 ** 20)) * 2 ** 20;
    const report = new DrillReport('exporter-outage', short);
    const cleanup = new CleanupStack();
    try {
      // The contract-checking fakes the collector's own tests use (one definition of each backend's contract), loaded
      // once the runner resolves modules the way the collector does.
      useWorkspaceModules(['collector']);
      const { FakeJaeger } = await import('../../../collector/test/fakes/FakeJaeger');
      const { FakeElasticsearch } = await import('../../../collector/test/fakes/FakeElasticsearch');
      const jaeger = new FakeJaeger();
      const es = new FakeElasticsearch();
      await jaeger.start();
      await es.start();
      cleanup.push({ close: () => jaeger.stop(), onExit: () => undefined });
      cleanup.push({ close: () => es.stop(), onExit: () => undefined });
      // What Elasticsearch stored, by record id, and how often each id was offered while it was up.
      const esOffered = new Map<string, number>();
      let esDown = false;
      es.answer = (source) => {
        if (esDown) return 503;
        const key = esKey(source);
        esOffered.set(key, (esOffered.get(key) ?? 0) + 1);
        return 201;
      };
      const collector = await startCollectorProcess(
        {
          JAEGER_OTLP_URL: jaeger.url,
          ELASTICSEARCH_URL: es.url,
          MEMORY_LIMIT_BYTES: String(MEMORY_LIMIT_BYTES),
          MEMORY_LIMIT_REQUESTS: '64',
          QUEUE_MAX_BYTES: String(queueMaxBytes),
          QUEUE_SEGMENT_BYTES: String(SEGMENT_BYTES),
          EXPORT_RETRY_INITIAL_MS: '200',
          EXPORT_RETRY_MAX_MS: '5000',
          EXPORT_TIMEOUT_MS: '5000',
        },
        cleanup,
      );
      const rss = RssSampler.start({ collector: () => collector.service.pid }, 1_000);
      cleanup.push({ close: () => rss.stop(), onExit: () => rss.stop() });
      const ingest = OtlpIngest.start({
        baseUrl: collector.url,
        requestsPerSecond: REQUESTS_PER_SECOND,
        recordsPerRequest: RECORDS_PER_REQUEST,
        service: 'drill-ingest',
        tenant: 'drill-exporter',
      });
      cleanup.push({ close: () => ingest.stop(), onExit: () => undefined });
      const jaegerSeen = new Map<string, number>();
      let jaegerRead = 0;
      const readJaeger = () => {
        for (; jaegerRead < jaeger.spans.length; jaegerRead++) {
          const id = jaeger.spans[jaegerRead]!.spanId;
          jaegerSeen.set(id, (jaegerSeen.get(id) ?? 0) + 1);
        }
      };
      log(
        `collector up; ${recordsPerSecond / 2} spans/s + ${recordsPerSecond / 2} logs/s for ${warmMs / 1000} s, ` +
          `then Elasticsearch down for ${outageMs / 1000} s`,
      );
      await sleep(warmMs);

      const downAt = Date.now();
      esDown = true;
      await es.stop();
      log('Elasticsearch refuses connections');
      await sleep(outageMs / 2);
      await es.start();
      log('Elasticsearch answers every bulk item 503');
      await sleep(outageMs / 2);
      const backAt = Date.now();
      readJaeger();
      const jaegerBehind = [...ingest.acked.traces].filter(
        ([id, at]) => at <= backAt - JAEGER_LAG_MS && !jaegerSeen.has(id),
      ).length;
      const depthAtBack = await scrapeSum(collector.metricsUrl, 'collector_exporter_queue_depth', {
        exporter: 'elasticsearch',
      });
      const spillAtBack = await scrapeSum(collector.metricsUrl, 'collector_exporter_spill_bytes', {
        exporter: 'elasticsearch',
      });
      esDown = false;
      log(`Elasticsearch back (${count(depthAtBack)} records queued, ${mib(spillAtBack)} on disk)`);

      // Catch-up: every record acknowledged before the return is in Elasticsearch.
      const backlog = [
        ...[...ingest.acked.traces].filter(([, at]) => at <= backAt).map(([id]) => `span/${id}`),
        ...[...ingest.acked.logs].filter(([, at]) => at <= backAt).map(([id]) => `log/${id}`),
      ];
      let caughtUpAt = NaN;
      const watchCatchUp = async (until: number) => {
        while (Number.isNaN(caughtUpAt) && Date.now() < until) {
          if (backlog.every((k) => esOffered.has(k))) caughtUpAt = Date.now();
          else await sleep(POLL_MS);
        }
      };
      await watchCatchUp(backAt + afterMs);
      await sleep(Math.max(0, backAt + afterMs - Date.now()));
      await ingest.stop();
      const stoppedAt = Date.now();
      log(`ingest stopped; waiting up to ${drainDeadlineMs / 1000} s for the exporters to drain`);
      let drainedAt = NaN;
      while (Date.now() < stoppedAt + drainDeadlineMs) {
        await watchCatchUp(stoppedAt + drainDeadlineMs);
        readJaeger();
        const esDone =
          [...ingest.acked.traces.keys()].every((id) => esOffered.has(`span/${id}`)) &&
          [...ingest.acked.logs.keys()].every((id) => esOffered.has(`log/${id}`));
        const jaegerDone = [...ingest.acked.traces.keys()].every((id) => jaegerSeen.has(id));
        if (esDone && jaegerDone) {
          drainedAt = Date.now();
          break;
        }
        await sleep(POLL_MS);
      }
      // Anything still queued would show as a duplicate only after this; give a late retry the chance to show.
      await sleep(1_000);
      readJaeger();
      rss.stop();

      const outcomes = ingest.outcomes;
      const status = (pred: (s: number) => boolean) => outcomes.filter((o) => pred(o.status)).length;
      const spansIn = ingest.acked.traces.size;
      const logsIn = ingest.acked.logs.size;
      report.record('spansIn', 'spans acknowledged by the collector (2xx)', spansIn, count);
      report.record('logsIn', 'logs acknowledged by the collector (2xx)', logsIn, count);
      report.record(
        'ingestRate',
        'records acknowledged per second',
        (spansIn + logsIn) / ((stoppedAt - downAt + warmMs) / 1000),
        perSecond,
      );
      report.check(
        'ingest5xx',
        'ingest answers 5xx',
        status((s) => s >= 500),
        { max: 0 },
        count,
      );
      report.check(
        'ingestFailed',
        'ingest requests without an HTTP answer',
        status((s) => s === 0),
        { max: 0 },
        count,
      );
      const errors = outcomes
        .filter((o) => o.status === 0)
        .map((o) => `${o.error ?? '?'} after ${Math.round(o.latencyMs)} ms`);
      if (errors.length > 0) report.note(`Ingest requests without an HTTP answer: ${errors.join(', ')}.`);
      report.record(
        'resent',
        'ingest requests sent again after a kept-alive socket was reset under them',
        ingest.resent,
        count,
      );
      report.record(
        'ingest429',
        'ingest answers 429 (memory limiter)',
        status((s) => s === 429),
        count,
      );
      report.check(
        'ingestOther',
        'ingest answers other than 2xx, 429 or 5xx',
        status((s) => s > 0 && (s < 200 || s >= 300) && s !== 429 && s < 500),
        { max: 0 },
        count,
      );
      report.check(
        'rejected',
        'records refused in a 2xx (partialSuccess)',
        outcomes.reduce((a, o) => a + o.rejected, 0),
        { max: 0 },
        count,
      );
      report.check(
        'skipped',
        'requests the sender skipped (64 in flight)',
        ingest.skipped,
        { max: Math.floor(0.005 * outcomes.length) },
        count,
      );
      const lost = (ids: Iterable<string>, has: (id: string) => boolean) =>
        [...ids].filter((id) => !has(id)).length;
      report.check(
        'esSpansLost',
        'Elasticsearch: acknowledged spans missing',
        lost(ingest.acked.traces.keys(), (id) => esOffered.has(`span/${id}`)),
        { max: 0 },
        count,
      );
      report.check(
        'esLogsLost',
        'Elasticsearch: acknowledged logs missing',
        lost(ingest.acked.logs.keys(), (id) => esOffered.has(`log/${id}`)),
        { max: 0 },
        count,
      );
      report.check(
        'jaegerSpansLost',
        'Jaeger: acknowledged spans missing',
        lost(ingest.acked.traces.keys(), (id) => jaegerSeen.has(id)),
        { max: 0 },
        count,
      );
      const repeats = (m: Map<string, number>) => [...m.values()].reduce((a, n) => a + n - 1, 0);
      report.record(
        'esRepeats',
        'Elasticsearch: creates of an id already stored (answered 409, nothing stored twice)',
        repeats(esOffered),
        count,
      );
      report.check(
        'jaegerDuplicates',
        'Jaeger: spans received more than once',
        repeats(jaegerSeen),
        { max: 0 },
        count,
      );
      report.record(
        'unacknowledged',
        'records delivered that no 2xx acknowledged (a sender gave up; not a loss)',
        [...esOffered.keys()].filter((k) =>
          k.startsWith('span/') ? !ingest.acked.traces.has(k.slice(5)) : !ingest.acked.logs.has(k.slice(4)),
        ).length,
        count,
      );
      report.check(
        'jaegerBehind',
        `Jaeger during the outage: spans acknowledged ${JAEGER_LAG_MS / 1000} s before its end still missing`,
        jaegerBehind,
        { max: 0 },
        count,
      );
      report.check(
        'contractErrors',
        'requests the fakes refused as off-contract',
        es.contractErrors.length + jaeger.rejected.length,
        { max: 0 },
        count,
      );
      report.check(
        'dropped',
        'collector_signals_dropped_total + collector_dead_letters_total',
        (await scrapeSum(collector.metricsUrl, 'collector_signals_dropped_total')) +
          (await scrapeSum(collector.metricsUrl, 'collector_dead_letters_total')),
        { max: 0 },
        count,
      );
      report.check(
        'depthAtBack',
        'Elasticsearch queue depth when it came back',
        depthAtBack,
        { min: 1 },
        count,
      );
      report.record('spillAtBack', 'Elasticsearch queue on disk when it came back', spillAtBack, mib);
      report.check(
        'catchUpMs',
        'time from the return until every record acknowledged before it was in Elasticsearch',
        caughtUpAt - backAt,
        { max: afterMs + drainDeadlineMs },
        ms,
      );
      report.check(
        'drainMs',
        'time from the end of ingest until both exporters had everything',
        drainedAt - stoppedAt,
        { max: drainDeadlineMs },
        ms,
      );
      report.check(
        'depthAfter',
        'queue depth of both exporters at the end',
        await scrapeSum(collector.metricsUrl, 'collector_exporter_queue_depth'),
        { max: 0 },
        count,
      );

      const baseline = median(rss.values('collector', downAt - 5_000, downAt));
      const midOutage = downAt + outageMs / 2;
      const early = median(rss.values('collector', downAt, midOutage));
      const late = median(rss.values('collector', midOutage, backAt));
      report.record('rssBaseline', 'collector RSS before the outage (median of 5 s)', baseline, mib);
      report.check(
        'rssMax',
        'collector RSS, highest sample (whole drill; its Helm memory limit)',
        rss.max('collector'),
        { max: COLLECTOR_MEMORY_LIMIT },
        mib,
      );
      report.record('rssOutageEnd', 'collector RSS in the second half of the outage (median)', late, mib);
      // Only the full version can tell a plateau: in the short one the heap is still growing to its working size
      // (about 2 MiB/s for the first minute, outage or not), as large as a 20 s backlog would be in memory.
      const growth = late / early - 1;
      const growthName =
        'collector RSS growth during the outage (median of its second half ÷ its first half − 1)';
      if (short) report.record('rssOutageGrowth', growthName, growth, percent);
      else report.check('rssOutageGrowth', growthName, growth, { max: 0.1 }, percent);
      report.record(
        'rssGrowthFromBaseline',
        'collector RSS growth from before the outage to its second half',
        late / baseline - 1,
        percent,
      );
      const latencies = outcomes.map((o) => o.latencyMs).sort((a, b) => a - b);
      report.record(
        'ingestP99',
        'ingest request latency p99',
        latencies[Math.floor(0.99 * latencies.length)] ?? NaN,
        ms,
      );
      report.record('ingestMax', 'ingest request latency, slowest', latencies.at(-1) ?? NaN, ms);
      report.note(
        `Ingest: OTLP/JSON, ${REQUESTS_PER_SECOND.traces} trace requests/s and ${REQUESTS_PER_SECOND.logs} log requests/s ` +
          `of ${RECORDS_PER_REQUEST} records each (open loop), ${warmMs / 1000} s before the outage, ${afterMs / 1000} s after it. ` +
          `Outage: Elasticsearch refuses connections for ${outageMs / 2000} s, then answers every bulk item 503 for ${outageMs / 2000} s. Jaeger stays up.`,
      );
      report.note(
        `Collector: its own process and database; MEMORY_LIMIT_BYTES=${MEMORY_LIMIT_BYTES}, MEMORY_LIMIT_REQUESTS=64, ` +
          `QUEUE_SEGMENT_BYTES=${SEGMENT_BYTES}, QUEUE_MAX_BYTES=${queueMaxBytes} (4× the backlog, so no drop for space is expected), ` +
          `EXPORT_RETRY_INITIAL_MS=200, EXPORT_RETRY_MAX_MS=5000, EXPORT_TIMEOUT_MS=5000. The collector has no in-memory ` +
          `export queue: every batch is fsync'd into each exporter's disk queue before the 2xx, so the disk holds the backlog from its first record.`,
      );
      report.note(
        'Records are matched by id: a span by its span id, a log by its body. Elasticsearch documents are created with ' +
          'content-derived ids, so a retried create answers 409 and stores nothing twice (counted as repeats, allowed). ' +
          'Jaeger (OTLP/HTTP) stores what it is sent; it stayed up, so any duplicate there is a fault.',
      );
      report.note(
        `Collector RSS sampled from /proc every ${rss.intervalMs} ms: ${summarise(rss.values('collector'))}.`,
      );
      report.note(`Machine: ${machineLoad()}.`);
      return report;
    } finally {
      report.finishedAt = new Date();
      await cleanup.closeAll();
    }
  },
};

function esKey(source: Record<string, unknown>): string {
  const logId = OtlpIngest.logBodyId(source.body);
  return logId !== undefined ? `log/${logId}` : `span/${String(source.span_id)}`;
}

// A compact timeline: one reading in MiB every tenth of the run.
function summarise(values: readonly number[]): string {
  const step = Math.max(1, Math.floor(values.length / 10));
  return values
    .filter((_, i) => i % step === 0)
    .map((v) => (v / 2 ** 20).toFixed(0))
    .join(' ')
    .concat(' MiB');
}
