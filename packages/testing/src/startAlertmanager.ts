import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startHttpDaemon } from './startHttpDaemon';

/** AlertmanagerOptions configure a throwaway, single-node Alertmanager. */
export interface AlertmanagerOptions {
  /** config is alertmanager.yml: YAML text, or an object (see alertmanagerWebhookConfig). */
  config: object | string;
  /** binary defaults to $ALERTMANAGER, then `prometheus-alertmanager` on PATH (the Debian name). */
  binary?: string;
  extraArgs?: string[];
  /** startTimeoutMs bounds the wait for /-/ready; 20 s by default. */
  startTimeoutMs?: number;
  /** stopGraceMs is how long stop waits after SIGTERM before SIGKILL; 5 s by default. */
  stopGraceMs?: number;
}

/** AlertmanagerAlert is one alert as Alertmanager's /api/v2/alerts lists it. */
export interface AlertmanagerAlert {
  labels: Record<string, string>;
  annotations: Record<string, string>;
  startsAt: string;
  endsAt: string;
  updatedAt: string;
  fingerprint: string;
  generatorURL?: string;
  receivers: { name: string }[];
  status: { state: 'unprocessed' | 'active' | 'suppressed'; silencedBy: string[]; inhibitedBy: string[] };
}

/** Alertmanager is a running Alertmanager on a loopback port, with its config and storage in dir. */
export interface Alertmanager {
  url: string;
  port: number;
  dir: string;
  pid: number;
  alerts(): Promise<AlertmanagerAlert[]>;
  /** logs returns what Alertmanager printed so far. */
  logs(): string;
  stop(): Promise<void>;
}

/** AlertmanagerStartError says Alertmanager did not become ready; its message quotes Alertmanager's own log. */
export class AlertmanagerStartError extends Error {
  override readonly name = 'AlertmanagerStartError';
}

/** AlertmanagerApiError says Alertmanager answered an API call with an error; its message is Alertmanager's. */
export class AlertmanagerApiError extends Error {
  override readonly name = 'AlertmanagerApiError';
}

/**
 * startAlertmanager starts a real Alertmanager (the Debian package's binary) alone, without clustering, on a
 * free loopback port with a fresh temp dir, and resolves once it is ready.
 */
export async function startAlertmanager(options: AlertmanagerOptions): Promise<Alertmanager> {
  const dir = mkdtempSync(join(tmpdir(), 'sl-alertmanager-'));
  const configFile = join(dir, 'alertmanager.yml');
  // YAML is a superset of JSON, and `yaml` is not a dependency of this package.
  writeFileSync(
    configFile,
    typeof options.config === 'string' ? options.config : JSON.stringify(options.config, null, 2),
  );
  const daemon = await startHttpDaemon({
    name: 'alertmanager',
    command: options.binary ?? process.env.ALERTMANAGER ?? 'prometheus-alertmanager',
    args: (port) => [
      `--config.file=${configFile}`,
      `--storage.path=${join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
      // Empty turns off the gossip listener, which would otherwise want port 9094 and peers.
      '--cluster.listen-address=',
      ...(options.extraArgs ?? []),
    ],
    dir,
    startTimeoutMs: options.startTimeoutMs ?? 20_000,
    stopGraceMs: options.stopGraceMs ?? 5_000,
    startError: (message) => new AlertmanagerStartError(message),
  });
  return {
    url: daemon.url,
    port: daemon.port,
    dir,
    pid: daemon.pid,
    logs: daemon.logs,
    stop: daemon.stop,
    async alerts() {
      const res = await fetch(`${daemon.url}/api/v2/alerts`);
      if (!res.ok) throw new AlertmanagerApiError(`alertmanager answered ${res.status}: ${await res.text()}`);
      return (await res.json()) as AlertmanagerAlert[];
    },
  };
}
