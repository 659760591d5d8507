import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase } from '@sightline/testing';
import type { TestDatabase } from '@sightline/testing';
import { loadAlertingConfig } from '../../src/config';
import type { ChannelConfig } from '../../src/notify/ChannelConfig';
import { MemoryNotifier } from '../../src/notify/memory/MemoryNotifier';
import type { Notification } from '../../src/notify/Notifier';
import { startAlerting } from '../../src/startAlerting';
import type { AlertingHandle } from '../../src/startAlerting';
import { startFakeCollector } from '../support/fakeCollector';
import type { FakeCollector } from '../support/fakeCollector';

/** GroupJson is an alert group as the internal API shows it. */
export interface GroupJson {
  id: number;
  dedupKey: string;
  state: string;
  muted: string | null;
  tenant: string | null;
  labels: Record<string, string>;
  summary?: string;
  severity?: string | null;
  firingSince?: string | null;
  escalation: { step: number; pass: number; nextAt: string | null } | null;
}

/** ApiBody is an internal API answer, with the fields the tests read. */
export interface ApiBody {
  status?: string;
  groups: GroupJson[];
  group: GroupJson;
  alerts: Array<Record<string, unknown>>;
  timeline: Array<{ kind: string }>;
  notifications: Array<Record<string, unknown>>;
  [key: string]: unknown;
}

/** TOKEN is the internal and intake token of the harness's alerting service. */
export const TOKEN = 'pipeline-internal-token-0123456789';

/** PipelineHarness is one alerting service on a fresh database, a settable clock, and recording notifiers. */
export interface PipelineHarness {
  db: TestDatabase;
  alerting: AlertingHandle;
  base: string;
  clock: { now: number };
  /** notifier returns the memory notifier behind a channel, by the channel's webhook URL path (its name). */
  notifier(name: string): MemoryNotifier;
  /** sent lists what every channel delivered, as "<channel> <action> <dedupKey>". */
  sent(): string[];
  /** step advances the clock and runs timer passes and the outbox until nothing more happens. */
  step(ms?: number): Promise<void>;
  api(
    method: string,
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<{ status: number; body: ApiBody }>;
  /** channel creates a webhook channel whose deliveries land in notifier(name). */
  channel(name: string): Promise<void>;
  postAlertmanager(
    alerts: Array<{
      labels: Record<string, string>;
      status?: 'firing' | 'resolved';
      annotations?: Record<string, string>;
    }>,
  ): Promise<{ status: number; body: ApiBody }>;
  restart(): Promise<void>;
  close(): Promise<void>;
}

/** startPipelineHarness starts alerting with timers driven by the test (autoStart false). */
export async function startPipelineHarness(
  start = Date.UTC(2026, 10, 26, 9, 0, 0),
  extraConfig: Record<string, string> = {},
): Promise<PipelineHarness> {
  const db = await createTestDatabase('sl_alert_pipe');
  const clock = { now: start };
  const collector: FakeCollector = await startFakeCollector(TOKEN, () => clock.now);
  const specsDir = mkdtempSync(join(tmpdir(), 'slos-empty-'));
  const notifiers = new Map<string, MemoryNotifier>();
  const log: string[] = [];
  const notifier = (name: string): MemoryNotifier => {
    let n = notifiers.get(name);
    if (!n) {
      n = new MemoryNotifier();
      const send = n.send.bind(n);
      n.send = async (notification: Notification, signal?: AbortSignal) => {
        const r = await send(notification, signal);
        if (r.ok) log.push(`${name} ${notification.action} ${notification.dedupKey}`);
        return r;
      };
      notifiers.set(name, n);
    }
    return n;
  };
  const nameOf = (c: ChannelConfig): string => {
    if (c.type === 'webhook') return new URL(c.url).pathname.slice(1);
    if (c.type === 'email') return `email:${c.to.join(',')}`;
    return c.type;
  };
  const boot = () =>
    startAlerting(
      loadAlertingConfig(
        {},
        {
          ALERTING_PORT: 0,
          DATABASE_URL: db.url,
          INTERNAL_TOKEN: TOKEN,
          COLLECTOR_URL: collector.url,
          SLO_SPECS_DIR: specsDir,
          LOG_LEVEL: 'silent',
          CONSOLE_URL: 'https://console.example.test',
          NOTIFY_BACKOFF_MS: 10,
          ...extraConfig,
        },
      ),
      { now: () => new Date(clock.now), autoStart: false, createNotifier: (c) => notifier(nameOf(c)) },
    );
  let alerting = await boot();
  const h: PipelineHarness = {
    db,
    alerting,
    base: `http://127.0.0.1:${alerting.port}`,
    clock,
    notifier,
    sent: () => [...log],
    async step(ms = 0) {
      clock.now += ms;
      for (let i = 0; i < 5; i++) {
        const r = await h.alerting.alertEngine.tick();
        const d = await h.alerting.outbox.drain();
        if (r.flushed + r.escalated + r.expired + r.reminders + d === 0) break;
      }
    },
    async api(method, path, body, headers = {}) {
      const res = await fetch(`${h.base}${path}`, {
        method,
        headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json', ...headers },
        body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      });
      const text = await res.text();
      return { status: res.status, body: (text ? JSON.parse(text) : {}) as ApiBody };
    },
    async channel(name) {
      const r = await h.api('POST', '/internal/v1/channels', {
        id: name,
        name,
        config: { type: 'webhook', url: `http://127.0.0.1:9/${name}`, secret: 'channel-secret-0123456789' },
      });
      if (r.status !== 201) throw new Error(`channel ${name}: ${r.status} ${JSON.stringify(r.body)}`);
    },
    postAlertmanager(alerts) {
      return h.api('POST', '/api/v1/alertmanager', {
        version: '4',
        groupKey: '{}:{}',
        status: 'firing',
        receiver: 'sightline',
        groupLabels: {},
        commonLabels: {},
        commonAnnotations: {},
        externalURL: 'http://alertmanager.test',
        alerts: alerts.map((a) => ({
          status: a.status ?? 'firing',
          labels: a.labels,
          annotations: a.annotations ?? {},
          startsAt: new Date(clock.now - 60_000).toISOString(),
          endsAt: a.status === 'resolved' ? new Date(clock.now).toISOString() : '0001-01-01T00:00:00Z',
        })),
      });
    },
    async restart() {
      await h.alerting.close();
      alerting = await boot();
      h.alerting = alerting;
      h.base = `http://127.0.0.1:${alerting.port}`;
    },
    async close() {
      await h.alerting.close();
      await collector.close();
      rmSync(specsDir, { recursive: true, force: true });
      await db.drop();
    },
  };
  return h;
}
