import { waitFor } from '@sightline/testing';
import type { Drill, DrillOptions } from '../Drill';
import { DrillReport } from '../DrillReport';
import { CleanupStack } from '../support/CleanupStack';
import type { DrillTenant } from '../support/DrillTenant';
import { count, ms, perSecond, ratio } from '../support/format';
import { LimiterModeWatch } from '../support/LimiterModeWatch';
import { OpenLoopLoad } from '../support/OpenLoopLoad';
import { scrapeCounter } from '../support/scrapeCounter';
import { sleep } from '../support/sleep';
import { startGatewayStage } from '../support/startGatewayStage';
import { startRedisProcess } from '../support/startRedisProcess';
import { admittedPerSecond, tally } from '../support/tally';

const LIMIT = 100;
const OFFERED_RPS = 200;
const REPLICAS = 4;
const TENANT: DrillTenant = {
  id: 'drill-outage',
  apiKey: 'sl_drill_outage_0123456789abcdef',
  perSecond: LIMIT,
};
// Both buckets of a 1 s sliding window must have aged out before a ratio measures the new regime alone.
const SETTLE_MS = 2_000;

/**
 * redisOutageDrill kills the gateway's Redis with SIGKILL under steady over-limit load, restarts it, and measures
 * that no request fails, what share of the limit is admitted before, during and after, and how fast the gateway
 * switches to its per-node fallback and back.
 */
export const redisOutageDrill: Drill = {
  name: 'redis-outage',
  title: 'Redis killed under load at the gateway',
  issueItem: 'issue 10, drill 1',
  async run({ short, log }: DrillOptions): Promise<DrillReport> {
    const normalMs = 10_000;
    const outageMs = short ? 5_000 : 30_000;
    const afterMs = 10_000;
    const report = new DrillReport('redis-outage', short);
    const cleanup = new CleanupStack();
    try {
      const redis = await startRedisProcess(cleanup);
      const stage = await startGatewayStage(
        {
          tenants: [TENANT],
          env: {
            REDIS_URL: redis.url,
            GATEWAY_REPLICAS: String(REPLICAS),
            // The defaults, spelled out because the figures depend on them.
            REDIS_COMMAND_TIMEOUT_MS: '50',
            LIMITER_BREAKER_FAILURES: '5',
            LIMITER_BREAKER_OPEN_MS: '1000',
          },
        },
        cleanup,
      );
      const watch = LimiterModeWatch.start(stage.adminUrl);
      cleanup.push({ close: () => watch.stop(), onExit: () => watch.stop() });
      await waitFor(() => watch.current() === 'redis', 5_000);
      log(
        `gateway up (limit ${LIMIT}/s, GATEWAY_REPLICAS=${REPLICAS}); ${OFFERED_RPS}/s for ${normalMs / 1000} s`,
      );
      const load = OpenLoopLoad.start([
        {
          name: 'tenant',
          url: `${stage.proxyUrl}/api/orders`,
          headers: { 'x-api-key': TENANT.apiKey },
          rps: OFFERED_RPS,
        },
      ]);
      cleanup.push({ close: () => load.stop(), onExit: () => undefined });
      const t0 = Date.now();
      await sleep(normalMs);
      const killAt = Date.now();
      await redis.crash();
      log(`redis-server killed (SIGKILL); outage of ${outageMs / 1000} s`);
      await sleep(outageMs);
      const restartAt = Date.now();
      await redis.restart();
      const upAt = Date.now();
      log(`redis-server restarted (answered PING after ${upAt - restartAt} ms); ${afterMs / 1000} s more`);
      await sleep(afterMs);
      const end = Date.now();
      await load.stop();
      // A check that outlived the deadline in the last seconds (a busy machine) may have left the breaker open; the
      // next request's probe closes it. The gateway must be back on Redis after a few requests, without a restart.
      const settleUntil = Date.now() + 5_000;
      while (watch.current() !== 'redis' && Date.now() < settleUntil) {
        await fetch(`${stage.proxyUrl}/api/orders`, { headers: { 'x-api-key': TENANT.apiKey } })
          .then((r) => r.arrayBuffer())
          .catch(() => undefined);
        await sleep(300);
      }
      watch.stop();

      const all = tally(load.samples, 'tenant', t0, end + 1);
      const fallbackAt = watch.firstAfter('fallback', killAt)?.at ?? NaN;
      const backAt = watch.firstAfter('redis', upAt)?.at ?? NaN;
      const admittedRatio = (from: number, to: number) => {
        const t = tally(load.samples, 'tenant', from, to);
        return t.ok / t.seconds / LIMIT;
      };
      report.check('serverErrors', 'responses 5xx (whole drill)', all.serverErrors, { max: 0 }, count);
      report.check('failed', 'requests without an HTTP answer', all.failed, { max: 0 }, count);
      report.record('sent', 'requests sent', all.sent, count);
      report.record('offeredRps', 'offered rate', all.sent / all.seconds, perSecond);
      // Requests the generator never sent are its own limit on the shared cores (a stall of its event loop, or the
      // in-flight bound while the gateway lagged); too many would leave too few requests to judge by.
      report.check(
        'achieved',
        'requests sent ÷ requests planned',
        all.sent / (all.sent + all.skipped + all.stalled),
        { min: short ? 0.85 : 0.98, max: 1 },
        ratio,
      );
      report.check(
        'skipped',
        'requests the generator skipped (in-flight bound: the gateway lagged)',
        all.skipped,
        { max: Math.floor((short ? 0.02 : 0.005) * all.sent) },
        count,
      );
      report.record(
        'stalled',
        'requests the generator never sent (its own event loop stalled)',
        all.stalled,
        count,
      );
      report.check(
        'ratioBefore',
        'admitted ÷ limit before the outage',
        admittedRatio(t0 + 1_000, killAt),
        {
          min: 0.9,
          max: 1.1,
        },
        ratio,
      );
      report.check(
        'toFallbackMs',
        'time from kill to fallback mode (metric)',
        fallbackAt - killAt,
        { max: 2_000 },
        ms,
      );
      const during = admittedRatio(fallbackAt + SETTLE_MS, restartAt);
      report.check(
        'ratioDuring',
        `admitted ÷ limit during the outage (expect 1 ÷ ${REPLICAS})`,
        during,
        {
          min: (1 / REPLICAS) * 0.85,
          max: (1 / REPLICAS) * 1.15,
        },
        ratio,
      );
      report.record(
        'ratioDuringPerNode',
        'admitted ÷ per-node limit (limit ÷ GATEWAY_REPLICAS) during',
        during * REPLICAS,
        ratio,
      );
      report.record(
        'ratioDuringAll',
        'admitted ÷ limit over the whole outage, transitions included',
        admittedRatio(killAt, upAt),
        ratio,
      );
      report.check(
        'toRedisMs',
        'time from Redis answering PING to redis mode (metric)',
        backAt - upAt,
        { max: 5_000 },
        ms,
      );
      report.check(
        'ratioAfter',
        'admitted ÷ limit after the return to Redis',
        admittedRatio(backAt + SETTLE_MS, end),
        {
          min: 0.9,
          max: 1.1,
        },
        ratio,
      );
      report.record(
        'peakAfterRestart',
        'highest admitted ÷ limit in one second after the restart (fresh Redis counters on top of the fallback)',
        Math.max(...admittedPerSecond(load.samples, 'tenant', upAt, end)) / LIMIT,
        ratio,
      );
      const metricsUrl = `${stage.adminUrl}/metrics`;
      const logs = stage.gateway.logs();
      const at = (l: Record<string, unknown>) => Date.parse(String(l.time));
      const down = logs.filter(
        (l) => String(l.msg).startsWith('Redis limiter unavailable') && l.replicas === REPLICAS,
      );
      const back = logs.filter((l) => String(l.msg).startsWith('Redis limiter is back'));
      report.check(
        'fallbackDuringOutage',
        'switches to fallback during the outage (warn log naming replicas=4)',
        down.filter((l) => at(l) >= killAt && at(l) <= upAt).length,
        { min: 1, max: 1 },
        count,
      );
      report.check(
        'backAfterRestart',
        'switches back to Redis after the restart (warn log)',
        back.filter((l) => at(l) >= upAt).length,
        { min: 1, max: 1 },
        count,
      );
      report.check(
        'spuriousFallbacks',
        'switches to fallback while Redis was up (checks over REDIS_COMMAND_TIMEOUT_MS)',
        down.filter((l) => at(l) < killAt || at(l) > upAt).length,
        { max: 0 },
        count,
      );
      const switches = [
        ...down.map((l) => ({ t: at(l), m: 'fallback' })),
        ...back.map((l) => ({ t: at(l), m: 'redis' })),
      ].sort((x, y) => x.t - y.t);
      report.check(
        'flaps',
        'fallback → Redis within 100 ms, before any probe was due (a late success closing the breaker)',
        switches.filter((x, i) => x.m === 'redis' && i > 0 && x.t - switches[i - 1]!.t < 100).length,
        { max: 0 },
        count,
      );
      report.check(
        'endsInRedis',
        'gateway in redis mode at the end, after at most 5 s of probing requests (1 = yes)',
        watch.current() === 'redis' ? 1 : 0,
        {
          min: 1,
          max: 1,
        },
        count,
      );
      report.check(
        'metricAgreesWithLogs',
        'gateway_limiter_mode_changes_total{mode="fallback"} − fallback warn logs',
        (await scrapeCounter(metricsUrl, 'gateway_limiter_mode_changes_total', { mode: 'fallback' })) -
          down.length,
        { min: 0, max: 0 },
        count,
      );
      report.note(
        `Limit ${LIMIT}/s for one tenant, ${OFFERED_RPS}/s offered (open loop), GATEWAY_REPLICAS=${REPLICAS}, ` +
          `REDIS_COMMAND_TIMEOUT_MS=50, LIMITER_BREAKER_FAILURES=5, LIMITER_BREAKER_OPEN_MS=1000; ` +
          `${normalMs / 1000} s normal, ${outageMs / 1000} s with redis-server killed (SIGKILL), ${afterMs / 1000} s after its restart (empty data).`,
      );
      report.note(
        `Ratios during and after skip the first ${SETTLE_MS / 1000} s after each mode switch (the two 1 s buckets of the sliding window). ` +
          `Mode times are from polling /metrics every ${watch.intervalMs} ms.`,
      );
      report.note(
        `Mode switches in the gateway's log (s from the kill): ${switches
          .map((x) => `${x.m} ${((x.t - killAt) / 1000).toFixed(2)}`)
          .join(', ')}.`,
      );
      report.note(`Admitted per second: ${admittedPerSecond(load.samples, 'tenant', t0, end).join(' ')}`);
      return report;
    } finally {
      report.finishedAt = new Date();
      await cleanup.closeAll();
    }
  },
};
