import type { Drill, DrillOptions } from '../Drill';
import { DrillReport } from '../DrillReport';
import { CleanupStack } from '../support/CleanupStack';
import type { DrillTenant } from '../support/DrillTenant';
import { count, ms, perSecond, ratio } from '../support/format';
import { OpenLoopLoad } from '../support/OpenLoopLoad';
import { sleep } from '../support/sleep';
import { startGatewayStage } from '../support/startGatewayStage';
import { startRedisProcess } from '../support/startRedisProcess';
import { tally } from '../support/tally';

const STEADY: DrillTenant = { id: 'drill-steady', apiKey: 'sl_drill_steady_0123456789abcdef', perSecond: 60 };
const SPIKY: DrillTenant = { id: 'drill-spiky', apiKey: 'sl_drill_spiky_0123456789abcdef0', perSecond: 30 };
const STEADY_RPS = 30;
const SPIKY_BASE_RPS = 15;
const SPIKE_FACTOR = 10;
const SETTLE_MS = 2_000;

/**
 * spikeDrill runs two tenants through the gateway and makes one of them jump to 10× its limit: the tenant within
 * its limit must see no error at all, the other must get 429s and never a 5xx, and the limit must hold.
 */
export const spikeDrill: Drill = {
  name: 'spike',
  title: 'One tenant spikes to 10× its limit',
  issueItem: 'issue 10, drill 6',
  async run({ short, log }: DrillOptions): Promise<DrillReport> {
    const baseMs = 3_000;
    const spikeMs = short ? 8_000 : 60_000;
    const afterMs = 3_000;
    const spikeRps = SPIKY.perSecond * SPIKE_FACTOR;
    const report = new DrillReport('spike', short);
    const cleanup = new CleanupStack();
    try {
      const redis = await startRedisProcess(cleanup);
      const stage = await startGatewayStage(
        { tenants: [STEADY, SPIKY], env: { REDIS_URL: redis.url } },
        cleanup,
      );
      const url = `${stage.proxyUrl}/api/orders`;
      const load = OpenLoopLoad.start([
        { name: 'steady', url, headers: { 'x-api-key': STEADY.apiKey }, rps: STEADY_RPS },
        { name: 'spiky', url, headers: { 'x-api-key': SPIKY.apiKey }, rps: SPIKY_BASE_RPS },
      ]);
      cleanup.push({ close: () => load.stop(), onExit: () => undefined });
      log(
        `steady ${STEADY_RPS}/s (limit ${STEADY.perSecond}/s), spiky ${SPIKY_BASE_RPS}/s (limit ${SPIKY.perSecond}/s)`,
      );
      const t0 = Date.now();
      await sleep(baseMs);
      const spikeAt = Date.now();
      load.setRate('spiky', spikeRps);
      log(`spiky jumps to ${spikeRps}/s for ${spikeMs / 1000} s`);
      await sleep(spikeMs);
      const calmAt = Date.now();
      load.setRate('spiky', SPIKY_BASE_RPS);
      await sleep(afterMs);
      const end = Date.now();
      await load.stop();

      const steady = tally(load.samples, 'steady', t0, end + 1);
      const steadyBase = tally(load.samples, 'steady', t0, spikeAt);
      const steadySpike = tally(load.samples, 'steady', spikeAt, calmAt);
      const spiky = tally(load.samples, 'spiky', t0, end + 1);
      const spikySpike = tally(load.samples, 'spiky', spikeAt, calmAt);
      const spikySettled = tally(load.samples, 'spiky', spikeAt + SETTLE_MS, calmAt);
      const spikyAfter = tally(load.samples, 'spiky', calmAt + SETTLE_MS, end);
      report.check(
        'steadyNon2xx',
        'within-limit tenant: answers other than 2xx',
        steady.sent - steady.ok,
        { max: 0 },
        count,
      );
      report.record('steadySent', 'within-limit tenant: requests sent', steady.sent, count);
      report.check(
        'spikyServerErrors',
        'spiking tenant: responses 5xx',
        spiky.serverErrors,
        { max: 0 },
        count,
      );
      report.check(
        'spikyFailed',
        'spiking tenant: requests without an HTTP answer',
        spiky.failed,
        { max: 0 },
        count,
      );
      report.check(
        'spiky429',
        'spiking tenant: 429 responses during the spike',
        spikySpike.limited,
        { min: 1 },
        count,
      );
      report.record(
        'spikyOffered',
        'spiking tenant: offered rate during the spike',
        spikySpike.sent / spikySpike.seconds,
        perSecond,
      );
      report.check(
        'spikyRatio',
        'spiking tenant: admitted ÷ limit during the spike',
        spikySettled.ok / spikySettled.seconds / SPIKY.perSecond,
        {
          min: 0.9,
          max: 1.1,
        },
        ratio,
      );
      report.check(
        'spikyAfterNon2xx',
        'spiking tenant: answers other than 2xx once back within its limit',
        spikyAfter.sent - spikyAfter.ok,
        {
          max: 0,
        },
        count,
      );
      // Requests the generator never sent are its own limit on the shared cores, not the gateway's: a stall of its
      // event loop (stalled) or the in-flight bound while the gateway lagged (skipped). Too many would leave too few
      // requests to judge by, so the share actually sent is checked; the short version runs beside other suites.
      const planned = (t: typeof steady) => t.sent + t.skipped + t.stalled;
      report.check(
        'achieved',
        'requests sent ÷ requests planned',
        (steady.sent + spiky.sent) / (planned(steady) + planned(spiky)),
        { min: short ? 0.85 : 0.98, max: 1 },
        ratio,
      );
      report.check(
        'skipped',
        'requests the generator skipped (in-flight bound: the gateway lagged)',
        steady.skipped + spiky.skipped,
        { max: Math.floor((short ? 0.02 : 0.005) * (steady.sent + spiky.sent)) },
        count,
      );
      report.record(
        'stalled',
        'requests the generator never sent (its own event loop stalled)',
        steady.stalled + spiky.stalled,
        count,
      );
      report.record(
        'steadyP99Base',
        'within-limit tenant: p99 latency before the spike',
        steadyBase.p99Ms,
        ms,
      );
      report.record(
        'steadyP99Spike',
        'within-limit tenant: p99 latency during the spike',
        steadySpike.p99Ms,
        ms,
      );
      report.note(
        `Within-limit tenant: limit ${STEADY.perSecond}/s, ${STEADY_RPS}/s throughout. Spiking tenant: limit ${SPIKY.perSecond}/s, ` +
          `${SPIKY_BASE_RPS}/s, then ${spikeRps}/s (${SPIKE_FACTOR}× its limit) for ${spikeMs / 1000} s, then ${SPIKY_BASE_RPS}/s again; ` +
          `open-loop load, one gateway with its own redis-server.`,
      );
      report.note(
        `The spiking tenant's ratio skips the first ${SETTLE_MS / 1000} s of the spike; its "after" count skips the first ${SETTLE_MS / 1000} s after it.`,
      );
      return report;
    } finally {
      report.finishedAt = new Date();
      await cleanup.closeAll();
    }
  },
};
