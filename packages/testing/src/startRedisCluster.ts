import type { ChildProcess } from 'node:child_process';
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './freePort';
import type { RedisTlsFiles } from './startRedisServer';
import { spawnRedis, waitForPing } from './startRedisServer';

const run = promisify(execFile);

/** RedisCluster is a three-master Redis Cluster of child processes on loopback ports. */
export interface RedisCluster {
  /** host:port of every node. */
  nodes: string[];
  stop(): Promise<void>;
}

/** RedisClusterStartError says the cluster did not reach cluster_state:ok in time. */
export class RedisClusterStartError extends Error {
  override readonly name = 'RedisClusterStartError';
}

/** RedisClusterOptions configures startRedisCluster. */
export interface RedisClusterOptions {
  /** How long `--cluster create`, and then reaching cluster_state:ok, may each take (default 20 s). */
  timeoutMs?: number;
  /** AUTH password every node requires (and uses between nodes). */
  password?: string;
  /** Serve TLS only, on the client ports, the cluster bus and replication; redis-cli verifies with tls.caFile. */
  tls?: RedisTlsFiles;
}

/**
 * startRedisCluster starts 3 `redis-server --cluster-enabled yes` nodes on free loopback ports in a temp dir,
 * joins them with `redis-cli --cluster create … --cluster-replicas 0 --cluster-yes` and waits until every node
 * reports cluster_state:ok. With a password every node requires it (and uses it between nodes); with tls every
 * connection, between nodes too, is TLS and the nodes accept clients without a certificate.
 */
export function startRedisCluster(options?: RedisClusterOptions): Promise<RedisCluster>;
/** startRedisCluster(timeoutMs, password) is the positional form of startRedisCluster({ timeoutMs, password }). */
export function startRedisCluster(timeoutMs?: number, password?: string): Promise<RedisCluster>;
export async function startRedisCluster(
  first: RedisClusterOptions | number = {},
  secondPassword?: string,
): Promise<RedisCluster> {
  const options: RedisClusterOptions =
    typeof first === 'number' ? { timeoutMs: first, password: secondPassword } : first;
  // The ports come from the kernel and are free when chosen, but another suite starting its own servers at the same
  // moment can take one before a node binds it: a second attempt chooses new ones.
  try {
    return await startOnce(options);
  } catch {
    return startOnce(options);
  }
}

async function startOnce(options: RedisClusterOptions): Promise<RedisCluster> {
  const { timeoutMs = 20_000, password, tls } = options;
  const auth = password === undefined ? [] : ['--requirepass', password, '--masterauth', password];
  const cliAuth = password === undefined ? [] : ['-a', password, '--no-auth-warning'];
  const clusterTls = tls ? ['--tls-cluster', 'yes', '--tls-replication', 'yes'] : [];
  const cliTls = tls ? ['--tls', '--cacert', tls.caFile] : [];
  const dir = mkdtempSync(join(tmpdir(), 'sl-redis-cluster-'));
  const children: ChildProcess[] = [];
  const ports: number[] = [];
  const stop = async () => {
    await Promise.all(
      children.map(
        (c) =>
          new Promise<void>((resolve) => {
            if (c.exitCode !== null) return resolve();
            c.once('exit', () => resolve());
            c.kill('SIGKILL');
          }),
      ),
    );
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    for (let i = 0; i < 3; i++) {
      const port = await freePort();
      // The default bus port is port + 10000, which can fall outside 1..65535 for an ephemeral port.
      const busPort = await freePort();
      const nodeDir = join(dir, String(port));
      mkdirSync(nodeDir);
      ports.push(port);
      children.push(
        spawnRedis(
          port,
          nodeDir,
          [
            '--cluster-enabled',
            'yes',
            '--cluster-config-file',
            join(nodeDir, 'nodes.conf'),
            '--cluster-node-timeout',
            '2000',
            '--cluster-port',
            String(busPort),
            ...clusterTls,
            ...auth,
          ],
          { tls },
        ),
      );
    }
    for (const port of ports) await waitForPing(port, 5_000, { password, tls });
    const nodes = ports.map((p) => `127.0.0.1:${p}`);
    await run(
      'redis-cli',
      [...cliAuth, ...cliTls, '--cluster', 'create', ...nodes, '--cluster-replicas', '0', '--cluster-yes'],
      {
        timeout: timeoutMs,
      },
    );
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const states = await Promise.all(
        ports.map(async (p) => {
          const { stdout } = await run('redis-cli', [
            ...cliAuth,
            ...cliTls,
            '-h',
            '127.0.0.1',
            '-p',
            String(p),
            'cluster',
            'info',
          ]);
          return /cluster_state:ok/.test(stdout);
        }),
      );
      if (states.every(Boolean)) break;
      if (Date.now() > deadline)
        throw new RedisClusterStartError('the cluster did not reach cluster_state:ok');
      await new Promise((r) => setTimeout(r, 100));
    }
    return { nodes, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
