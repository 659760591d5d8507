import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from './freePort';
import { registerExitCleanup } from './registerExitCleanup';

/** HttpDaemonOptions says how to run one server binary that answers GET /-/ready once it serves. */
export interface HttpDaemonOptions {
  /** name is the binary's short name, used in messages and as the log file's name. */
  name: string;
  command: string;
  args: (port: number) => string[];
  /** dir is a temp dir the daemon owns: it is removed when the daemon stops or fails to start. */
  dir: string;
  startTimeoutMs: number;
  stopGraceMs: number;
  startError: (message: string) => Error;
}

/** HttpDaemon is a running server binary on a loopback port, with its output in a log file. */
export interface HttpDaemon {
  url: string;
  port: number;
  pid: number;
  /** logs returns what the binary printed so far (stdout and stderr). */
  logs(): string;
  /** stop sends SIGTERM, then SIGKILL after the grace period, and removes the dir. */
  stop(): Promise<void>;
}

const PORT_ATTEMPTS = 3;

/**
 * startHttpDaemon spawns a server binary on a free loopback port and resolves once /-/ready answers 200; on
 * failure it kills the binary, removes its dir and rejects with startError, quoting the binary's own log.
 */
export async function startHttpDaemon(o: HttpDaemonOptions): Promise<HttpDaemon> {
  const logFile = join(o.dir, `${o.name}.log`);
  const logs = () => (existsSync(logFile) ? readFileSync(logFile, 'utf8') : '');
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const fd = openSync(logFile, 'w');
    let child: ChildProcess;
    try {
      // The binary writes straight to the file, so the log survives even if this process dies first.
      child = spawn(o.command, o.args(port), { cwd: o.dir, stdio: ['ignore', fd, fd] });
    } finally {
      closeSync(fd);
    }
    const unregister = registerExitCleanup(() => {
      if (isRunning(child)) child.kill('SIGKILL');
      // The killed binary may still be flushing files for a moment, which makes a single pass fail.
      rmSync(o.dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 20 });
    });
    const failure = await waitUntilReady(child, `${url}/-/ready`, o.startTimeoutMs, o.command);
    if (failure === undefined) {
      let stopping: Promise<void> | undefined;
      return {
        url,
        port,
        pid: child.pid!,
        logs,
        stop: () =>
          (stopping ??= terminate(child, o.stopGraceMs).then(() => {
            rmSync(o.dir, { recursive: true, force: true });
            unregister();
          })),
      };
    }
    await terminate(child, 0);
    unregister();
    const log = logs();
    // freePort only reserves the port until it returns, so another process may take it before the binary does.
    if (attempt < PORT_ATTEMPTS && /address already in use/.test(log)) continue;
    rmSync(o.dir, { recursive: true, force: true });
    throw o.startError(describeFailure(o.name, url, failure, log));
  }
}

function isRunning(child: ChildProcess): boolean {
  return child.pid !== undefined && child.exitCode === null && child.signalCode === null;
}

async function waitUntilReady(
  child: ChildProcess,
  readyUrl: string,
  timeoutMs: number,
  command: string,
): Promise<string | undefined> {
  let failure: string | undefined;
  const onExit = (code: number | null, signal: NodeJS.Signals | null) => {
    failure ??= `exited with ${signal ?? `code ${code}`} before it was ready`;
  };
  const onError = (err: NodeJS.ErrnoException) => {
    failure ??=
      err.code === 'ENOENT'
        ? `could not be started: ${command} is not on PATH (install the Debian package; scripts/test.mjs does)`
        : `could not be started: ${err.message}`;
  };
  child.once('exit', onExit);
  // Stays attached: a ChildProcess 'error' without a listener would crash the test process later.
  child.on('error', onError);
  const deadline = Date.now() + timeoutMs;
  try {
    while (failure === undefined) {
      if (await answers(readyUrl)) return undefined;
      if (Date.now() > deadline) return `was not ready within ${timeoutMs} ms`;
      await new Promise((r) => setTimeout(r, 100));
    }
    return failure;
  } finally {
    child.off('exit', onExit);
  }
}

async function answers(url: string): Promise<boolean> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(1_000) });
    await res.body?.cancel();
    return res.ok;
  } catch {
    return false;
  }
}

async function terminate(child: ChildProcess, graceMs: number): Promise<void> {
  if (!isRunning(child)) return;
  const exited = new Promise((r) => child.once('exit', r));
  if (graceMs > 0) {
    child.kill('SIGTERM');
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([exited, new Promise((r) => (timer = setTimeout(r, graceMs)))]);
    clearTimeout(timer);
  }
  if (isRunning(child)) child.kill('SIGKILL');
  await exited;
}

function describeFailure(name: string, url: string, failure: string, log: string): string {
  const lines = log.trimEnd().split('\n');
  // Go's logfmt marks the lines that say why; put them first so the cause is not buried in startup chatter.
  const errors = lines.filter((l) => /level=(error|fatal)|^Error|^err(or)?:/i.test(l));
  const tail = lines.slice(-30).join('\n');
  return [
    `${name} on ${url} ${failure}`,
    ...(errors.length ? ['errors:', ...errors] : []),
    `--- last lines of ${name}.log ---`,
    tail,
  ].join('\n');
}
