import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './freePort';

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

/** startRedisServer starts a throwaway redis-server (no persistence) on a free loopback port in a temp dir. */
export async function startRedisServer(extraArgs: string[] = []): Promise<RedisServer> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'sl-redis-'));
  let child: ChildProcess | undefined;
  const start = async () => {
    child = spawnRedis(port, dir, extraArgs);
    await waitForPing(port, 5_000);
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
    url: `redis://127.0.0.1:${port}`,
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

/** spawnRedis starts one redis-server bound to 127.0.0.1 with persistence off. */
export function spawnRedis(port: number, dir: string, extraArgs: string[] = []): ChildProcess {
  return spawn(
    'redis-server',
    [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--save',
      '',
      '--appendonly',
      'no',
      '--dir',
      dir,
      ...extraArgs,
    ],
    { stdio: 'ignore' },
  );
}

/** waitForPing resolves once a raw PING on the port answers PONG. */
export async function waitForPing(port: number, timeoutMs: number, password?: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await ping(port, password)) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new RedisServerStartError(`redis-server on port ${port} did not answer PING within ${timeoutMs} ms`);
}

function ping(port: number, password?: string): Promise<boolean> {
  return new Promise((resolve) => {
    const s = createConnection(port, '127.0.0.1');
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
    s.on('connect', () => s.write(password === undefined ? 'PING\r\n' : `AUTH ${password}\r\nPING\r\n`));
  });
}
