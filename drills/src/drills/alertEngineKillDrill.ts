import pg from 'pg';
import type { PagerDutyEventBody } from '../../../alerting/test/fakes/FakePagerDuty';
import type { Drill, DrillOptions } from '../Drill';
import { DrillReport } from '../DrillReport';
import { CleanupStack } from '../support/CleanupStack';
import { count, ms } from '../support/format';
import { machineLoad } from '../support/machineLoad';
import { sleep } from '../support/sleep';
import type { AlertingReplica } from '../support/startAlertingReplicas';
import { startAlertingReplicas } from '../support/startAlertingReplicas';
import { useWorkspaceModules } from '../support/workspaceModules';

const TOKEN = 'drill-alerting-token-0123456789';
// Events API v2 routing keys are 32 characters; one PagerDuty service per destination.
const KEYS = { primary: 'p'.repeat(32), secondary: 's'.repeat(32), manager: 'm'.repeat(32) };
const DESTINATION = Object.fromEntries(Object.entries(KEYS).map(([name, key]) => [key, name]));
// Step n of the policy pages these destinations: the primary, then the secondary, then the manager and the primary.
const STEPS = [['primary'], ['secondary'], ['manager', 'primary']] as const;
const CHANNEL = { primary: 'env-pagerduty', secondary: 'pd-secondary', manager: 'pd-manager' } as const;
// OutboxWorker's lease: the fallback by which a claimed row comes back when its worker's liveness lock cannot tell
// (not configurable). A SIGKILLed replica's session ends, so its claimed rows come back at the next poll instead.
const OUTBOX_LEASE_MS = 60_000;
const LEADER_LOG = 'this replica now runs the alert timers';
const LATE_MS = 10_000;

interface Page {
  key: string;
  at: number;
}

/**
 * alertEngineKillDrill runs two alerting replicas on one database, sends alert groups to both (as Alertmanager in HA
 * mode does), and kills the replica running the timers with SIGKILL at random points while groups escalate through a
 * three-step PagerDuty policy, restarting it each time: every page (group × step × destination) must reach the fake
 * PagerDuty exactly once, and the other replica must take the timers over.
 */
export const alertEngineKillDrill: Drill = {
  name: 'alert-engine-kill',
  title: 'Alert engine leader killed mid-escalation',
  issueItem: 'issue 10, drill 4',
  async run({ short, log }: DrillOptions): Promise<DrillReport> {
    const groups = short ? 20 : 150;
    const spreadMs = short ? 8_000 : 90_000;
    const waitMinutes = short ? 0.05 : 0.1;
    const kills = short ? 1 : 5;
    const waitMs = waitMinutes * 60_000;
    const report = new DrillReport('alert-engine-kill', short);
    const cleanup = new CleanupStack();
    try {
      // The fakes of alerting's own tests: the Events API v2 contract (ajv against PagerDuty's OpenAPI document) and
      // the collector's rollup endpoint, loaded once the runner resolves modules the way alerting does.
      useWorkspaceModules(['alerting']);
      const { FakePagerDuty } = await import('../../../alerting/test/fakes/FakePagerDuty');
      const { startFakeCollector } = await import('../../../alerting/test/support/fakeCollector');
      const pd = await new FakePagerDuty().start();
      cleanup.push({ close: () => pd.close(), onExit: () => undefined });
      const collector = await startFakeCollector(TOKEN);
      cleanup.push({ close: () => collector.close(), onExit: () => undefined });
      const { replicas, databaseUrl } = await startAlertingReplicas(
        {
          replicas: 2,
          internalToken: TOKEN,
          env: {
            COLLECTOR_URL: collector.url,
            LOG_LEVEL: 'info',
            PAGERDUTY_ROUTING_KEY: KEYS.primary,
            PAGERDUTY_EVENTS_URL: pd.enqueueUrl,
            ALERT_TICK_MS: '100',
            OUTBOX_POLL_MS: '100',
            NOTIFY_BACKOFF_MS: '200',
          },
        },
        cleanup,
      );
      await configure(replicas[0]!.base, pd.enqueueUrl, waitMinutes);
      // The other replica reads a configuration change at its next version check (every 250 ms).
      await sleep(1_000);
      const leaderAt = await waitForLeader(replicas, 0, 10_000);
      if (!leaderAt) throw new Error('no alerting replica took the timer lock');

      // Each accepted event, stamped when the drill saw it (polled every 20 ms).
      const pages: Page[] = [];
      let read = 0;
      const stamp = () => {
        for (; read < pd.events.length; read++)
          pages.push({ key: pageKey(pd.events[read]!), at: Date.now() });
      };
      const watcher = setInterval(stamp, 20);
      cleanup.push({ close: () => clearInterval(watcher), onExit: () => clearInterval(watcher) });

      const t0 = Date.now();
      const escalationEnd = t0 + spreadMs + (STEPS.length - 1) * waitMs;
      log(
        `${groups} alert groups over ${spreadMs / 1000} s, policy of ${STEPS.length} steps ${waitMs / 1000} s apart; ` +
          `${kills} kill(s) of the leader`,
      );
      const postedAt = new Map<string, number>();
      let unaccepted = 0;
      const posting = (async () => {
        for (let i = 0; i < groups; i++) {
          await sleep(Math.max(0, t0 + (i * spreadMs) / groups - Date.now()));
          const tenant = `drill-${i}`;
          postedAt.set(tenant, Date.now());
          const answers = await Promise.all(replicas.map((r) => postAlert(r.base, tenant)));
          if (!answers.some((s) => s === 200)) unaccepted++;
        }
      })();
      const killPlan = planKills(kills, t0 + 1_500, escalationEnd - 1_000);
      const takeovers: number[] = [];
      const killed: { at: number; replica: string }[] = [];
      for (const at of killPlan) {
        await sleep(Math.max(0, at - Date.now()));
        const leader = currentLeader(replicas);
        if (!leader) continue;
        const other = replicas.find((r) => r !== leader)!;
        const killAt = Date.now();
        await leader.crash();
        killed.push({ at: killAt - t0, replica: leader.name });
        const took = await waitForLeader([other], killAt, 15_000);
        takeovers.push(took ? took - killAt : NaN);
        log(
          `killed ${leader.name} (SIGKILL) at +${((killAt - t0) / 1000).toFixed(1)} s; ` +
            `${other.name} took the timers over after ${took ? took - killAt : '—'} ms`,
        );
        await leader.restart();
      }
      await posting;

      // Done when every page is in and no outbox row is left undelivered: a row a killed replica had claimed comes
      // back once its session ends (at the latest after its lease), and only then shows whether it had been sent
      // already (a repeat) or not (a late page).
      const expected = groups * STEPS.reduce((a, s) => a + s.length, 0);
      const deadline = Math.max(Date.now(), escalationEnd) + OUTBOX_LEASE_MS + 15_000;
      let outbox: OutboxState = { undelivered: NaN, dead: NaN, redelivered: NaN, inDoubtKeys: new Set() };
      while (Date.now() < deadline) {
        stamp();
        outbox = await outboxState(databaseUrl);
        if (new Set(pages.map((p) => p.key)).size >= expected && outbox.undelivered === 0) break;
        await sleep(250);
      }
      // A page sent twice from one delivered row cannot happen; a short wait shows any stray repeat all the same.
      await sleep(1_500);
      stamp();

      const byKey = new Map<string, Page[]>();
      for (const p of pages) byKey.set(p.key, [...(byKey.get(p.key) ?? []), p]);
      const expectedKeys = new Set<string>();
      const dedupKeys = new Set(pd.events.map((e) => e.dedup_key!));
      for (const dk of dedupKeys)
        STEPS.forEach((dests, i) => dests.forEach((d) => expectedKeys.add(`${dk}|${d}|s${i + 1}|p1`)));
      const tenants = new Set(pd.events.map((e) => e.payload?.group));
      report.record('groups', 'alert groups sent (to both replicas)', groups, count);
      report.check('unaccepted', 'alerts neither replica accepted', unaccepted, { max: 0 }, count);
      report.check(
        'groupsPaged',
        'groups paged (distinct dedup_key)',
        dedupKeys.size,
        { min: groups, max: groups },
        count,
      );
      report.check('tenantsPaged', 'tenants paged', tenants.size, { min: groups, max: groups }, count);
      report.record('expectedPages', 'pages expected (group × step × destination)', expected, count);
      report.check(
        'lost',
        'pages lost (expected, never received)',
        [...expectedKeys].filter((k) => !byKey.has(k)).length +
          (groups - dedupKeys.size) * (expected / groups),
        { max: 0 },
        count,
      );
      // A replica killed between PagerDuty's 202 and its UPDATE leaves a row whose fate it cannot know; another replica
      // sends it again (at least once). Only such rows may show twice; anything more is a fault.
      const duplicates = [...byKey.values()].reduce((a, list) => a + list.length - 1, 0);
      const unexplained = [...byKey].reduce(
        (a, [key, list]) => a + Math.max(0, list.length - 1 - (outbox.inDoubtKeys.has(key) ? 1 : 0)),
        0,
      );
      report.record(
        'inDoubt',
        'outbox rows a killed replica had claimed, sent again by another (in doubt: sent or not)',
        outbox.redelivered,
        count,
      );
      report.record(
        'duplicates',
        'pages received more than once (same dedup_key, destination and step)',
        duplicates,
        count,
      );
      report.check(
        'unexplainedDuplicates',
        'pages received more than once, beyond one repeat of each in-doubt row',
        unexplained,
        { max: 0 },
        count,
      );
      report.check(
        'unexpected',
        'events that match no expected page (other actions, steps or passes)',
        [...byKey.keys()].filter((k) => !expectedKeys.has(k)).length,
        { max: 0 },
        count,
      );
      report.check(
        'violations',
        'requests off the Events API v2 contract',
        pd.violations.length,
        { max: 0 },
        count,
      );
      report.check('kills', 'leader kills (SIGKILL) done', killed.length, { min: kills, max: kills }, count);
      report.check(
        'takeoverMaxMs',
        'takeover: kill → the other replica holds the timer lock (worst)',
        takeovers.length > 0 ? Math.max(...takeovers) : NaN,
        { max: 5_000 },
        ms,
      );
      const lateness = pageLateness(byKey, dedupKeys, waitMs, postedAt, pd.events);
      report.record('latenessMaxMs', 'page lateness against the policy (worst)', Math.max(...lateness), ms);
      // A killed replica's claimed rows come back when its session ends, not after the lease: no page is late.
      report.check(
        'latePages',
        `pages more than ${LATE_MS / 1000} s late (a killed replica's claimed rows must not wait for the lease)`,
        lateness.filter((l) => l > LATE_MS).length,
        { max: 0 },
        count,
      );
      report.check(
        'undelivered',
        'outbox rows not delivered at the end',
        outbox.undelivered,
        { max: 0 },
        count,
      );
      report.check('dead', 'outbox rows dead-lettered', outbox.dead, { max: 0 }, count);
      report.note(
        `Two alerting replicas (own processes) on one database, ALERT_TICK_MS=100, OUTBOX_POLL_MS=100; ${groups} groups ` +
          `(one alert each, sent to both replicas, as Alertmanager in HA mode does) over ${spreadMs / 1000} s; policy: ` +
          `${STEPS.map((d, i) => `step ${i + 1} → ${d.join(' + ')}`).join(', ')}, ${waitMinutes} min (${waitMs / 1000} s) per step.`,
      );
      report.note(
        `Kills at random points of the escalation window (s after the first alert, replica): ` +
          `${killed.map((k) => `+${(k.at / 1000).toFixed(1)} ${k.replica}`).join(', ')}; each killed replica is restarted at once. ` +
          `Takeovers: ${takeovers.map((t) => `${t} ms`).join(', ')} (the advisory lock goes when Postgres sees the dead connection; the next tick takes it).`,
      );
      report.note(
        'A page is identified by dedup_key, routing key (destination) and custom_details.escalation step and pass. ' +
          'Lateness: step 1 against the alert being sent, later steps against step 1 plus the waits.',
      );
      report.note(`Machine: ${machineLoad()}.`);
      return report;
    } finally {
      report.finishedAt = new Date();
      await cleanup.closeAll();
    }
  },
};

async function call(base: string, method: string, path: string, body?: unknown): Promise<number> {
  try {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(5_000),
    });
    await res.arrayBuffer();
    return res.status;
  } catch {
    return 0;
  }
}

async function configure(base: string, url: string, waitMinutes: number): Promise<void> {
  const expect = async (status: Promise<number>, ok: number, what: string) => {
    const s = await status;
    if (s !== ok) throw new Error(`${what}: alerting answered ${s}`);
  };
  for (const name of ['secondary', 'manager'] as const)
    await expect(
      call(base, 'POST', '/internal/v1/channels', {
        id: CHANNEL[name],
        name,
        config: { type: 'pagerduty', routingKey: KEYS[name], url },
      }),
      201,
      `channel ${name}`,
    );
  await expect(
    call(base, 'POST', '/internal/v1/policies', {
      id: 'drill',
      name: 'Drill',
      steps: STEPS.map((dests) => ({
        targets: dests.map((d) => ({ type: 'channel', id: CHANNEL[d] })),
        waitMinutes,
      })),
    }),
    201,
    'policy',
  );
  await expect(
    call(base, 'PUT', '/internal/v1/routes/root', {
      name: 'Root',
      policyId: 'drill',
      groupBy: ['alertname', 'tenant'],
      groupWaitSeconds: 0,
    }),
    200,
    'route',
  );
}

function postAlert(base: string, tenant: string): Promise<number> {
  return call(base, 'POST', '/api/v2/alerts', [
    {
      labels: { alertname: 'DrillPage', tenant, severity: 'page' },
      annotations: { summary: `drill ${tenant}` },
    },
  ]);
}

function pageKey(e: PagerDutyEventBody): string {
  const esc = e.payload?.custom_details?.escalation as { step?: number; pass?: number } | null | undefined;
  const dest = DESTINATION[e.routing_key] ?? e.routing_key.slice(0, 4);
  return `${e.dedup_key}|${dest}|s${esc?.step ?? '?'}|p${esc?.pass ?? '?'}${e.event_action === 'trigger' ? '' : `|${e.event_action}`}`;
}

// The time (epoch ms, from its own log) at which one of the replicas logged taking the timer lock after `after`.
function leaderSince(r: AlertingReplica, after: number): number | undefined {
  const line = r.service
    .logs()
    .filter((l) => l.msg === LEADER_LOG)
    .map((l) => Date.parse(String(l.time)))
    .find((t) => t >= after);
  return line;
}

function currentLeader(replicas: readonly AlertingReplica[]): AlertingReplica | undefined {
  const live = replicas.filter((r) => r.service.exited() === undefined);
  const led = live
    .map((r) => ({
      r,
      at: Math.max(
        -1,
        ...r.service
          .logs()
          .filter((l) => l.msg === LEADER_LOG)
          .map((l) => Date.parse(String(l.time))),
      ),
    }))
    .filter((x) => x.at >= 0)
    .sort((a, b) => b.at - a.at);
  return led[0]?.r;
}

async function waitForLeader(
  replicas: readonly AlertingReplica[],
  after: number,
  timeoutMs: number,
): Promise<number | undefined> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    for (const r of replicas) {
      const at = leaderSince(r, after);
      if (at !== undefined) return at;
    }
    await sleep(20);
  }
  return undefined;
}

// One kill in each equal slot of the window, at a uniformly random point of the slot's middle 60 %.
function planKills(kills: number, from: number, to: number): number[] {
  const slot = (to - from) / kills;
  return Array.from({ length: kills }, (_, i) => from + slot * i + slot * (0.2 + 0.6 * Math.random()));
}

/** OutboxState is what the outbox table says at the end. */
interface OutboxState {
  undelivered: number;
  dead: number;
  redelivered: number;
  /** inDoubtKeys are the page keys (as pageKey makes them) of rows a killed replica had claimed, sent again. */
  inDoubtKeys: Set<string>;
}

async function outboxState(databaseUrl: string): Promise<OutboxState> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ status: string; n: string }>(
      `SELECT status, count(*) AS n FROM alerting.notifications GROUP BY status`,
    );
    const n = (s: string) => Number(rows.find((r) => r.status === s)?.n ?? 0);
    // The fake answers every event 202, so a second attempt only follows a claim abandoned by a killed replica.
    const again = await client.query<{ channel_id: string; dedup: string; step: number; pass: number }>(
      `SELECT channel_id, payload->'notification'->>'dedupKey' AS dedup,
         (payload->'notification'->'escalation'->>'step')::int AS step,
         (payload->'notification'->'escalation'->>'pass')::int AS pass
       FROM alerting.notifications WHERE status = 'delivered' AND attempts > 1`,
    );
    const destination = Object.fromEntries(Object.entries(CHANNEL).map(([d, c]) => [c, d]));
    return {
      undelivered: n('pending'),
      dead: n('dead'),
      redelivered: again.rows.length,
      inDoubtKeys: new Set(
        again.rows.map(
          (r) => `${r.dedup}|${destination[r.channel_id] ?? r.channel_id}|s${r.step}|p${r.pass}`,
        ),
      ),
    };
  } finally {
    await client.end();
  }
}

function pageLateness(
  byKey: Map<string, Page[]>,
  dedupKeys: Set<string>,
  waitMs: number,
  postedAt: Map<string, number>,
  events: readonly PagerDutyEventBody[],
): number[] {
  const tenantOf = new Map(events.map((e) => [e.dedup_key!, String(e.payload?.group)]));
  const out: number[] = [];
  for (const dk of dedupKeys) {
    const first = byKey.get(`${dk}|primary|s1|p1`)?.[0]?.at;
    const sent = postedAt.get(tenantOf.get(dk) ?? '');
    if (first === undefined) continue;
    if (sent !== undefined) out.push(first - sent);
    STEPS.forEach((dests, i) => {
      if (i === 0) return;
      for (const d of dests) {
        const at = byKey.get(`${dk}|${d}|s${i + 1}|p1`)?.[0]?.at;
        if (at !== undefined) out.push(at - (first + i * waitMs));
      }
    });
  }
  return out;
}
