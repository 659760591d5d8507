import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { Socket } from 'node:net';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect as connectTls } from 'node:tls';
import { freePort } from './freePort';

/** RedisTlsFiles are the PEM files of a TLS redis-server: its certificate and key, and the CA it trusts. */
export interface RedisTlsFiles {
  certFile: string;
  keyFile: string;
  /** Verifies the peers of the node (other cluster nodes); clients check the server against it too. */
  caFile: string;
}

/** RedisServerOptions configures startRedisServer. */
export interface RedisServerOptions {
  /** Serve TLS only (no plain port); the url is then rediss://. */
  tls?: RedisTlsFiles;
}

/** PingOptions says how waitForPing reaches the server. */
export interface PingOptions {
  /** Sent with AUTH before the PING. */
  password?: string;
  /** Ping over TLS, verifying the server against tls.caFile. */
  tls?: RedisTlsFiles;
}

/** RedisServer is a redis-server child process on a loopback port. */
export interface RedisServer {
  port: number;
  url: string;
  /** kill stops the server hard (SIGKILL), like a crash. */
  kill(): Promise<void>;
  /** pause freezes the server (SIGSTOP): connections stay open but nothing is answered, like a hung Redis. */
  pause(): void;
  /** resume unfreezes a paused server (SIGCONT). */
  resume(): void;
  /** restart starts it again on the same port, with empty data. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

/** RedisServerStartError says a redis-server did not come up in time. */
export class RedisServerStartError extends Error {
  override readonly name = 'RedisServerStartError';
}

/**
 * startRedisServer starts a throwaway redis-server (no persistence) on a free loopback port in a temp dir; with
 * options.tls it serves TLS only.
 */
export async function startRedisServer(
  extraArgs: string[] = [],
  options: RedisServerOptions = {},
): Promise<RedisServer> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'sl-redis-'));
  let child: ChildProcess | undefined;
  const start = async () => {
    child = spawnRedis(port, dir, extraArgs, options);
    await waitForPing(port, 5_000, options);
  };
  const kill = async () => {
    const c = child;
    child = undefined;
    if (!c || c.exitCode !== null) return;
    const exited = new Promise((r) => c.once('exit', r));
    c.kill('SIGKILL');
    await exited;
  };
  await start();
  return {
    port,
    url: `${options.tls ? 'rediss' : 'redis'}://127.0.0.1:${port}`,
    kill,
    pause: () => void child?.kill('SIGSTOP'),
    resume: () => void child?.kill('SIGCONT'),
    restart: start,
    async stop() {
      await kill();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * spawnRedis starts one redis-server bound to 127.0.0.1 with persistence off. With options.tls the port serves
 * TLS and there is no plain port; clients need no certificate of their own.
 */
export function spawnRedis(
  port: number,
  dir: string,
  extraArgs: string[] = [],
  options: RedisServerOptions = {},
): ChildProcess {
  const listen = options.tls
    ? [
        '--port',
        '0',
        '--tls-port',
        String(port),
        '--tls-cert-file',
        options.tls.certFile,
        '--tls-key-file',
        options.tls.keyFile,
        '--tls-ca-cert-file',
        options.tls.caFile,
        '--tls-auth-clients',
        'no',
      ]
    : ['--port', String(port)];
  return spawn(
    'redis-server',
    [...listen, '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir, ...extraArgs],
    { stdio: 'ignore' },
  );
}

/** waitForPing resolves once a raw PING on the port (over TLS with options.tls) answers PONG. */
export async function waitForPing(port: number, timeoutMs: number, options: PingOptions = {}): Promise<void> {
  const ca = options.tls ? readFileSync(options.tls.caFile) : undefined;
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await ping(port, options.password, ca)) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new RedisServerStartError(
    `redis-server on port ${port} did not answer PING${ca ? ' over TLS' : ''} within ${timeoutMs} ms`,
  );
}

function ping(port: number, password: string | undefined, ca: Buffer | undefined): Promise<boolean> {
  return new Promise((resolve) => {
    const greeting = password === undefined ? 'PING\r\n' : `AUTH ${password}\r\nPING\r\n`;
    // Over TLS the server must also pass verification against the CA, as the clients under test will check it.
    const s: Socket = ca ? connectTls({ host: '127.0.0.1', port, ca }) : createConnection(port, '127.0.0.1');
    s.once(ca ? 'secureConnect' : 'connect', () => s.write(greeting));
    let replies = '';
    const done = (ok: boolean) => {
      s.destroy();
      resolve(ok);
    };
    s.setTimeout(500, () => done(false));
    s.on('error', () => done(false));
    s.on('data', (d: Buffer) => {
      replies += d.toString();
      if (replies.includes('+PONG')) done(true);
      else if (replies.startsWith('-')) done(false);
    });
  });
}
