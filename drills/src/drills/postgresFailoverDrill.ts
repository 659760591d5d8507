import pg from 'pg';
import { waitFor } from '@sightline/testing';
import type { Drill, DrillOptions } from '../Drill';
import { DrillReport } from '../DrillReport';
import { CleanupStack } from '../support/CleanupStack';
import type { DrillTenant } from '../support/DrillTenant';
import { count, ms } from '../support/format';
import { OverrideWriters } from '../support/OverrideWriters';
import { sleep } from '../support/sleep';
import { startGatewayStage } from '../support/startGatewayStage';
import { startPostgresPair } from '../support/startPostgresPair';
import { startTcpProxy } from '../support/TcpProxy';

const TENANTS: DrillTenant[] = [1, 2, 3, 4].map((i) => ({
  id: `drill-fo-${i}`,
  apiKey: `sl_drill_failover_${i}_0123456789abcdef`,
  perSecond: 10,
}));
const RECOVERY_BOUND_MS = 30_000;

/**
 * postgresFailoverDrill writes acknowledged limit changes through the gateway's admin API to a primary with a
 * synchronous streaming replica, kills the primary's every process with SIGKILL, promotes the replica and moves the
 * database endpoint to it, and measures that no acknowledged change (nor its audit row) is lost and how long the
 * gateway takes to acknowledge writes again, without a restart.
 */
export const postgresFailoverDrill: Drill = {
  name: 'postgres-failover',
  title: 'PostgreSQL primary killed, replica promoted',
  issueItem: 'issue 10, drill 2',
  async run({ short, log }: DrillOptions): Promise<DrillReport> {
    const beforeMs = short ? 5_000 : 15_000;
    const afterMs = short ? 3_000 : 15_000;
    const report = new DrillReport('postgres-failover', short);
    const cleanup = new CleanupStack();
    try {
      const pair = await startPostgresPair(cleanup);
      await exec(pair.primary.url('postgres'), 'create database sightline');
      const endpoint = await startTcpProxy(pair.primary.port, cleanup);
      const stage = await startGatewayStage(
        { tenants: TENANTS, databaseUrl: `postgres://postgres@127.0.0.1:${endpoint.port}/sightline` },
        cleanup,
      );
      log(
        `primary :${pair.primary.port}, synchronous replica :${pair.replica.port}, endpoint :${endpoint.port}`,
      );
      const writers = OverrideWriters.start(
        stage.adminUrl,
        stage.adminToken,
        TENANTS.map((t) => t.id),
      );
      cleanup.push({ close: () => writers.stop(), onExit: () => undefined });
      await sleep(beforeMs);
      const killAt = Date.now();
      const ackedBeforeKill = writers.acked.filter((w) => w.at < killAt).length;
      await pair.primary.crash();
      log(`primary killed (SIGKILL to every process) after ${ackedBeforeKill} acknowledged writes`);
      await pair.promote();
      const promotedAt = Date.now();
      endpoint.switchTo(pair.replica.port);
      log(`replica promoted in ${promotedAt - killAt} ms; endpoint moved to it`);
      // A gateway that dies on the failover is restarted, as its supervisor (the kubelet) would, and counted.
      let crashes = 0;
      const recovered = await waitFor(
        async () => {
          const exit = stage.gateway.exited();
          if (exit !== undefined) {
            crashes++;
            log(`the gateway exited (${exit}); restarting it. Its last output:\n${stage.gateway.output()}`);
            await stage.restart({});
          }
          return writers.firstAckAfter(promotedAt);
        },
        RECOVERY_BOUND_MS + 5_000,
        20,
      ).catch(() => undefined);
      const recoveredAt = recovered ? recovered.at : NaN;
      log(
        recovered
          ? `first acknowledged write ${recoveredAt - killAt} ms after the kill`
          : 'no write acknowledged',
      );
      await sleep(afterMs);
      await writers.stop();

      const audit = new Set(
        (
          await exec(
            pair.replica.url('sightline'),
            `select after->>'reason' as reason from gateway.config_audit where action = 'set-override' and result = 'ok'`,
          )
        ).map((r) => String(r.reason)),
      );
      const overrides = new Map(
        (
          await exec(pair.replica.url('sightline'), 'select tenant_id, reason from gateway.tenant_overrides')
        ).map((r) => [String(r.tenant_id), String(r.reason)]),
      );
      const lostAudit = writers.acked.filter((w) => !audit.has(w.reason));
      // Each writer is sequential, so its tenant's override must hold its last acknowledged change or a later one.
      const staleOverrides = TENANTS.filter((t) => {
        const last = writers.acked.filter((w) => w.tenant === t.id).at(-1);
        const seq = Number(/#(\d+)$/.exec(overrides.get(t.id) ?? '')?.[1] ?? 0);
        return last !== undefined && seq < last.seq;
      });

      const propagationMs = await timeConfigChange(stage.adminUrl, stage.adminToken, TENANTS[0]!.id);
      const ready = await fetch(`${stage.adminUrl}/readyz`).then((r) => r.status);
      report.record('acked', 'acknowledged limit changes', writers.acked.length, count);
      report.record('ackedBeforeKill', 'acknowledged before the kill', ackedBeforeKill, count);
      report.check(
        'lostAudit',
        'acknowledged changes missing from the promoted replica (audit rows)',
        lostAudit.length,
        { max: 0 },
        count,
      );
      report.check(
        'staleOverrides',
        'tenants whose override is older than its last acknowledged change',
        staleOverrides.length,
        {
          max: 0,
        },
        count,
      );
      report.record(
        'promoteMs',
        'kill → replica promoted (pg_ctl promote, no detection delay)',
        promotedAt - killAt,
        ms,
      );
      report.check(
        'recoveryMs',
        'kill → first acknowledged write through the gateway',
        recoveredAt - killAt,
        {
          max: RECOVERY_BOUND_MS,
        },
        ms,
      );
      report.record(
        'failedWrites',
        'writes refused or cut off around the failover (outcome unknown)',
        writers.failed.length,
        count,
      );
      report.check(
        'gatewayCrashes',
        'gateway crashes (restarted by the drill, as a supervisor would)',
        crashes + (stage.gateway.exited() ? 1 : 0),
        {
          max: 0,
        },
        count,
      );
      report.check(
        'propagationMs',
        'limit change after the failover → in the gateway snapshot (LISTEN reconnected)',
        propagationMs,
        {
          max: 5_000,
        },
        ms,
      );
      report.check('readyz', 'gateway /readyz after the failover', ready, { min: 200, max: 200 }, String);
      report.note(
        `PostgreSQL 15 primary and streaming replica (synchronous_standby_names = the replica, synchronous_commit = on) on loopback ports; ` +
          `the gateway reaches them through one TCP endpoint that the drill moves to the promoted replica, as an RDS cluster endpoint or a ` +
          `CloudNativePG -rw Service does. ${TENANTS.length} writers, each PUTting its tenant's override through /admin/v1 (change + audit row in one transaction).`,
      );
      report.note(
        'The drill promotes at once: the time a production system takes to decide the primary is dead (RDS: typically 60–120 s for Multi-AZ ' +
          'instances; CloudNativePG: its liveness/failover delay) comes on top of these figures.',
      );
      if (writers.failed.length > 0) {
        const outcomes = [...new Set(writers.failed.map((f) => f.outcome))].join(', ');
        report.note(`Failed writes' outcomes: ${outcomes}.`);
      }
      return report;
    } finally {
      report.finishedAt = new Date();
      await cleanup.closeAll();
    }
  },
};

async function exec(url: string, text: string): Promise<Record<string, unknown>[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query(text)).rows as Record<string, unknown>[];
  } finally {
    await c.end();
  }
}

// Writes one more change and waits until the gateway's own limit snapshot shows it, which needs its LISTEN.
async function timeConfigChange(adminUrl: string, token: string, tenant: string): Promise<number> {
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const started = Date.now();
  const res = await fetch(`${adminUrl}/admin/v1/tenants/${tenant}/override`, {
    method: 'PUT',
    headers,
    body: JSON.stringify({ perSecond: 4242, perMinute: null, reason: 'drill propagation check' }),
  });
  if (res.status !== 200) return NaN;
  try {
    await waitFor(
      async () => {
        const body = (await (
          await fetch(`${adminUrl}/admin/v1/tenants/${tenant}/limits`, { headers })
        ).json()) as {
          classes: Record<string, { policy: string; limit: number }[]>;
        };
        return Object.values(body.classes).some((ps) =>
          ps.some((p) => p.policy === 'tenant-1s' && p.limit === 4242),
        );
      },
      10_000,
      20,
    );
    return Date.now() - started;
  } catch {
    return NaN;
  }
}
