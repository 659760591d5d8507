import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

/** ProcessSpec describes one child process the launcher runs. */
export interface ProcessSpec {
  name: string;
  command: string;
  args: string[];
  cwd: string;
  env: Record<string, string>;
  /** A URL that answers 2xx once the process is ready. */
  readyUrl?: string;
}

const COLORS = [36, 33, 35, 32, 34, 91, 96, 93];

/**
 * Supervisor starts child processes, each in its own process group, prefixes their output with their
 * name, and stops them all (SIGTERM, then SIGKILL after a grace period) in reverse start order.
 */
export class Supervisor {
  private readonly children: { spec: ProcessSpec; child: ChildProcess; exited: Promise<number | null> }[] =
    [];
  private stopping = false;
  private readonly width = 10;
  private readonly tty = process.stdout.isTTY === true;

  constructor(
    private readonly runTag: string,
    private readonly onUnexpectedExit: (name: string, code: number | null) => void,
    private readonly echoAccessLogs = false,
  ) {}

  /** start spawns the process and pipes its output with a prefix. */
  start(spec: ProcessSpec): void {
    // SIGHTLINE_RUN marks every process of this launch (children inherit it), so tools can find them.
    const child = spawn(spec.command, spec.args, {
      cwd: spec.cwd,
      env: { ...process.env, ...spec.env, SIGHTLINE_RUN: this.runTag },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    const color = COLORS[this.children.length % COLORS.length]!;
    const prefix = this.tty
      ? `\x1b[${color}m${spec.name.padEnd(this.width)}|\x1b[0m `
      : `${spec.name.padEnd(this.width)}| `;
    for (const stream of [child.stdout, child.stderr]) {
      if (!stream) continue;
      createInterface({ input: stream }).on('line', (line) => {
        // Per-request access logs still reach the collector; echoing them here would drown the console.
        if (!this.echoAccessLogs && isRequestLog(line)) return;
        process.stdout.write(prefix + line + '\n');
      });
    }
    const exited = new Promise<number | null>((resolve) => {
      child.on('exit', (code, signal) => {
        if (!this.stopping) this.onUnexpectedExit(spec.name, code ?? (signal ? 128 : null));
        resolve(code);
      });
      child.on('error', (err) => {
        process.stdout.write(`${prefix}failed to spawn: ${err.message}\n`);
        resolve(null);
      });
    });
    this.children.push({ spec, child, exited });
  }

  /** pids returns the process ids of the running children. */
  pids(): number[] {
    return this.children.map((c) => c.child.pid).filter((p): p is number => typeof p === 'number');
  }

  /** stopAll stops every child in reverse order, waiting up to graceMs for each group before SIGKILL. */
  async stopAll(graceMs = 8000): Promise<void> {
    this.stopping = true;
    for (const { child, exited } of [...this.children].reverse()) {
      if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) continue;
      signalGroup(child.pid, 'SIGTERM');
      const done = await Promise.race([exited.then(() => true), sleep(graceMs).then(() => false)]);
      if (!done) signalGroup(child.pid, 'SIGKILL');
      await Promise.race([exited, sleep(2000)]);
      // Grandchildren (e.g. Next.js workers) share the group; make sure none outlive the leader.
      signalGroup(child.pid, 'SIGKILL');
    }
  }
}

// Per-request lines are info/debug lines that carry a trace id; start-up, warnings and errors do not.
function isRequestLog(line: string): boolean {
  return (
    line.includes('"trace_id":"') && (line.includes('"level":"info"') || line.includes('"level":"debug"'))
  );
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // Already gone.
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms).unref());
}
