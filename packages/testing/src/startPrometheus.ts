import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { prometheusConfig } from './prometheusConfig';
import type { PrometheusConfigOptions } from './prometheusConfig';
import { startHttpDaemon } from './startHttpDaemon';
import { waitFor } from './waitFor';

/** PrometheusOptions configure a throwaway Prometheus; every field is optional. */
export interface PrometheusOptions extends PrometheusConfigOptions {
  /** rules is the YAML text of one rule file, written into the temp dir and loaded besides ruleFiles. */
  rules?: string;
  /** binary defaults to $PROMETHEUS, then `prometheus` on PATH. */
  binary?: string;
  extraArgs?: string[];
  /** startTimeoutMs bounds the wait for /-/ready; 20 s by default. */
  startTimeoutMs?: number;
  /** stopGraceMs is how long stop waits after SIGTERM before SIGKILL; 5 s by default. */
  stopGraceMs?: number;
  /** alertResendDelaySeconds is how often a firing alert is sent again; 1 by default (Prometheus: 60). */
  alertResendDelaySeconds?: number;
}

/** PrometheusSample is one series of an instant query's result. */
export interface PrometheusSample {
  metric: Record<string, string>;
  /** value is [unix seconds, value as Prometheus formats it]. */
  value: [number, string];
}

/** PrometheusAlert is one alert as Prometheus's /api/v1/alerts lists it. */
export interface PrometheusAlert {
  labels: Record<string, string>;
  annotations: Record<string, string>;
  state: 'pending' | 'firing';
  activeAt: string;
  value: string;
}

/** Prometheus is a running Prometheus on a loopback port, with its config and TSDB in dir. */
export interface Prometheus {
  url: string;
  port: number;
  dir: string;
  pid: number;
  /** query runs an instant query; a scalar comes back as one sample with no labels. */
  query(expr: string): Promise<PrometheusSample[]>;
  alerts(): Promise<PrometheusAlert[]>;
  /** reload rereads config and rule files; given rules, it first replaces the rule file from `rules`. */
  reload(rules?: string): Promise<void>;
  /** logs returns what Prometheus printed so far. */
  logs(): string;
  stop(): Promise<void>;
}

/** PrometheusStartError says Prometheus did not become ready; its message quotes Prometheus's own log. */
export class PrometheusStartError extends Error {
  override readonly name = 'PrometheusStartError';
}

/** PrometheusApiError says Prometheus rejected a query or a reload; its message is Prometheus's. */
export class PrometheusApiError extends Error {
  override readonly name = 'PrometheusApiError';
}

/**
 * startPrometheus starts a real Prometheus (the Debian package's binary) on a free loopback port with a fresh
 * temp dir for config and TSDB, and resolves once it is ready and, given alertmanagerUrl, once it has
 * discovered that Alertmanager.
 */
export async function startPrometheus(options: PrometheusOptions = {}): Promise<Prometheus> {
  const dir = mkdtempSync(join(tmpdir(), 'sl-prometheus-'));
  const configFile = join(dir, 'prometheus.yml');
  const rulesFile = join(dir, 'rules.yml');
  // Always present, so that reload(rules) works even when the test started without rules.
  writeFileSync(rulesFile, options.rules ?? 'groups: []\n');
  const config = prometheusConfig({ ...options, ruleFiles: [rulesFile, ...(options.ruleFiles ?? [])] });
  // YAML is a superset of JSON, and `yaml` is not a dependency of this package.
  writeFileSync(configFile, JSON.stringify(config, null, 2));
  const daemon = await startHttpDaemon({
    name: 'prometheus',
    command: options.binary ?? process.env.PROMETHEUS ?? 'prometheus',
    args: (port) => [
      `--config.file=${configFile}`,
      `--storage.tsdb.path=${join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--web.enable-lifecycle',
      // The first notification goes out before Alertmanager is discovered and is dropped; resend it soon.
      `--rules.alert.resend-delay=${options.alertResendDelaySeconds ?? 1}s`,
      ...(options.extraArgs ?? []),
    ],
    dir,
    startTimeoutMs: options.startTimeoutMs ?? 20_000,
    stopGraceMs: options.stopGraceMs ?? 5_000,
    startError: (message) => new PrometheusStartError(message),
  });
  const api = <T>(path: string) => apiGet<T>(`${daemon.url}${path}`);
  if (options.alertmanagerUrl) {
    // Discovery hands targets to the notifier only every 5 s; until then every alert sent is dropped.
    try {
      await waitFor(
        async () =>
          (await api<{ activeAlertmanagers: unknown[] }>('/api/v1/alertmanagers')).activeAlertmanagers
            .length > 0,
        options.startTimeoutMs ?? 20_000,
        100,
      );
    } catch (err) {
      const tail = daemon.logs().trimEnd().split('\n').slice(-30).join('\n');
      await daemon.stop();
      throw new PrometheusStartError(
        `prometheus on ${daemon.url} did not discover the Alertmanager at ${new URL(options.alertmanagerUrl).host}\n${tail}`,
        { cause: err },
      );
    }
  }
  return {
    url: daemon.url,
    port: daemon.port,
    dir,
    pid: daemon.pid,
    logs: daemon.logs,
    stop: daemon.stop,
    async query(expr) {
      const data = await api<{ resultType: string; result: unknown }>(
        `/api/v1/query?query=${encodeURIComponent(expr)}`,
      );
      if (data.resultType === 'vector') return data.result as PrometheusSample[];
      if (data.resultType === 'scalar' || data.resultType === 'string')
        return [{ metric: {}, value: data.result as [number, string] }];
      throw new PrometheusApiError(
        `query ${expr} returned a ${data.resultType}; only instant vectors are supported`,
      );
    },
    async alerts() {
      return (await api<{ alerts: PrometheusAlert[] }>('/api/v1/alerts')).alerts;
    },
    async reload(rules) {
      if (rules !== undefined) writeFileSync(rulesFile, rules);
      const logged = daemon.logs().length;
      const res = await fetch(`${daemon.url}/-/reload`, { method: 'POST' });
      const body = await res.text();
      if (res.ok) return;
      // The answer only says that loading failed; the log says which rule and why.
      const errors = daemon
        .logs()
        .slice(logged)
        .split('\n')
        .filter((l) => l.includes('level=error'));
      throw new PrometheusApiError([`reload failed (${res.status}): ${body.trim()}`, ...errors].join('\n'));
    },
  };
}

async function apiGet<T>(url: string): Promise<T> {
  const res = await fetch(url);
  const body = (await res.json()) as { status: string; data: T; errorType?: string; error?: string };
  if (body.status !== 'success')
    throw new PrometheusApiError(`${body.errorType ?? res.status}: ${body.error}`);
  return body.data;
}
