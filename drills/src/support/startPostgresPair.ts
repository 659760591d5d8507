import { spawnSync } from 'node:child_process';
import {
  appendFileSync,
  chownSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { freePort, waitFor } from '@sightline/testing';
import type { CleanupStack } from './CleanupStack';

const BIN = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin';
const REPLICA_NAME = 'drill_replica';

/** PostgresNode is one PostgreSQL cluster of the pair. */
export interface PostgresNode {
  port: number;
  dataDir: string;
  url(database: string): string;
  /** crash kills the postmaster and every process of the cluster at once with SIGKILL, like a lost host. */
  crash(): Promise<void>;
}

/** PostgresPair is a primary and its synchronous streaming replica on loopback ports. */
export interface PostgresPair {
  primary: PostgresNode;
  replica: PostgresNode;
  /** promote turns the replica into a primary and resolves once it accepts writes. */
  promote(): Promise<void>;
}

/** PostgresPairStartError says the pair could not be set up, quoting the tool that failed. */
export class PostgresPairStartError extends Error {
  override readonly name = 'PostgresPairStartError';
}

/**
 * startPostgresPair initialises a primary in a temp dir, clones it with pg_basebackup into a streaming replica,
 * and resolves once the primary reports the replica as its synchronous standby (so every acknowledged commit is
 * on both). As root, PostgreSQL refuses to run, so both clusters run as the `postgres` user.
 */
export async function startPostgresPair(cleanup: CleanupStack): Promise<PostgresPair> {
  const asRoot = process.getuid?.() === 0;
  const dir = mkdtempSync(join(tmpdir(), 'sl-drill-pg-'));
  if (asRoot) {
    const [uid, gid] = ['-u', '-g'].map((f) =>
      Number(spawnSync('id', [f, 'postgres'], { encoding: 'utf8' }).stdout),
    );
    if (!Number.isInteger(uid) || !Number.isInteger(gid))
      throw new PostgresPairStartError('running as root, but there is no postgres user');
    chownSync(dir, uid!, gid!);
  }
  const run = (tool: string, args: string[]) => {
    const argv = asRoot
      ? ['runuser', '-u', 'postgres', '--', join(BIN, tool), ...args]
      : [join(BIN, tool), ...args];
    const r = spawnSync(argv[0]!, argv.slice(1), { encoding: 'utf8', timeout: 60_000 });
    if (r.status !== 0) {
      throw new PostgresPairStartError(
        `${tool} failed (${r.error?.message ?? `exit ${r.status}`}): ${r.stderr}${r.stdout}`.trim(),
      );
    }
  };
  const primaryDir = join(dir, 'primary');
  const replicaDir = join(dir, 'replica');
  const stopAll = () => {
    for (const d of [primaryDir, replicaDir]) for (const pid of clusterPids(d)) kill(pid);
    rmSync(dir, { recursive: true, force: true });
  };
  cleanup.push({ close: stopAll, onExit: stopAll });

  const [primaryPort, replicaPort] = [await freePort(), await freePort()];
  run('initdb', ['-D', primaryDir, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--no-sync']);
  appendFileSync(
    join(primaryDir, 'postgresql.conf'),
    [
      `listen_addresses = '127.0.0.1'`,
      `port = ${primaryPort}`,
      `unix_socket_directories = '${dir}'`,
      `wal_level = replica`,
      `max_wal_senders = 5`,
      `synchronous_standby_names = '${REPLICA_NAME}'`,
      `synchronous_commit = on`,
      `max_connections = 50`,
      `shared_buffers = 32MB`,
      '',
    ].join('\n'),
  );
  run('pg_ctl', ['start', '-D', primaryDir, '-w', '-t', '30', '-l', join(dir, 'primary.log')]);
  run('pg_basebackup', [
    '-h',
    '127.0.0.1',
    '-p',
    String(primaryPort),
    '-U',
    'postgres',
    '-D',
    replicaDir,
    '-R',
    '-X',
    'stream',
    '-c',
    'fast',
  ]);
  // After a promotion the replica is alone: it must not wait for a standby of its own (production recreates one).
  appendFileSync(
    join(replicaDir, 'postgresql.auto.conf'),
    [
      `port = ${replicaPort}`,
      `primary_conninfo = 'host=127.0.0.1 port=${primaryPort} user=postgres application_name=${REPLICA_NAME}'`,
      `synchronous_standby_names = ''`,
      '',
    ].join('\n'),
  );
  run('pg_ctl', ['start', '-D', replicaDir, '-w', '-t', '30', '-l', join(dir, 'replica.log')]);

  const node = (port: number, dataDir: string): PostgresNode => ({
    port,
    dataDir,
    url: (database) => `postgres://postgres@127.0.0.1:${port}/${database}`,
    async crash() {
      const pids = clusterPids(dataDir);
      for (const pid of pids) kill(pid);
      await waitFor(() => pids.every((p) => !alive(p)), 10_000, 20);
    },
  });
  const primary = node(primaryPort, primaryDir);
  const replica = node(replicaPort, replicaDir);
  await waitFor(async () => {
    const rows = await query(
      primary.url('postgres'),
      `select sync_state from pg_stat_replication where application_name = $1`,
      [REPLICA_NAME],
    );
    return rows[0]?.sync_state === 'sync';
  }, 20_000);
  return {
    primary,
    replica,
    async promote() {
      run('pg_ctl', ['promote', '-D', replicaDir, '-w', '-t', '30']);
      await waitFor(
        async () => (await query(replica.url('postgres'), 'select pg_is_in_recovery() as r'))[0]?.r === false,
        10_000,
        20,
      );
    },
  };
}

async function query(url: string, text: string, values: unknown[] = []): Promise<Record<string, unknown>[]> {
  const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
  await c.connect();
  try {
    return (await c.query(text, values)).rows as Record<string, unknown>[];
  } finally {
    await c.end();
  }
}

// The postmaster and its children (backends, walsender, checkpointer…), read from postmaster.pid and /proc.
function clusterPids(dataDir: string): number[] {
  const pidFile = join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return [];
  const postmaster = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!Number.isInteger(postmaster) || !alive(postmaster)) return [];
  const children = readdirSync('/proc')
    .filter((p) => /^\d+$/.test(p))
    .filter((p) => {
      try {
        const stat = readFileSync(`/proc/${p}/stat`, 'utf8');
        return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === postmaster;
      } catch {
        return false;
      }
    })
    .map(Number);
  return [postmaster, ...children];
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    // A killed child of a dead postmaster lingers as a zombie until init reaps it; that counts as gone.
    return !/^State:\s+Z/m.test(readFileSync(`/proc/${pid}/status`, 'utf8'));
  } catch {
    return false;
  }
}

function kill(pid: number): void {
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}
