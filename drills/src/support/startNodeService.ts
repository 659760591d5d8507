import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import type { CleanupStack } from './CleanupStack';
import { isRunning, killHard } from './killHard';

/** NodeService is a service bundle running as its own Node process, with its JSON log lines kept in memory. */
export interface NodeService {
  pid: number;
  /** logs returns the JSON lines the service printed so far (at most the last 5,000). */
  logs(): Record<string, unknown>[];
  /** output returns the raw text of the last lines, for error messages. */
  output(): string;
  /** exited says whether the process is gone, and how. */
  exited(): string | undefined;
  /** stop sends SIGTERM, then SIGKILL after 5 s. */
  stop(): Promise<void>;
}

/** NodeServiceOptions says what to run and how to tell that it is ready. */
export interface NodeServiceOptions {
  name: string;
  bundle: string;
  env: Record<string, string>;
  readyUrl: string;
  startTimeoutMs?: number;
}

const MAX_LINES = 5_000;

/**
 * startNodeService spawns a bundle with only the given environment (plus PATH), resolves once readyUrl answers
 * 200, and leaves its stopping to the cleanup stack; a failed start rejects with the service's last output.
 */
export async function startNodeService(o: NodeServiceOptions, cleanup: CleanupStack): Promise<NodeService> {
  const lines: string[] = [];
  let partial = '';
  const child: ChildProcess = spawn(process.execPath, [o.bundle], {
    // The drill's own environment (jest's, a developer's DATABASE_URL) must not leak into the service.
    env: { PATH: process.env.PATH ?? '', NODE_ENV: 'production', ...o.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const collect = (chunk: Buffer) => {
    const text = partial + chunk.toString('utf8');
    const parts = text.split('\n');
    partial = parts.pop() ?? '';
    lines.push(...parts.filter((l) => l !== ''));
    if (lines.length > MAX_LINES) lines.splice(0, lines.length - MAX_LINES);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  let exit: string | undefined;
  child.once('exit', (code, signal) => (exit = signal ?? `code ${code}`));
  const stop = async () => {
    if (!isRunning(child)) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
  };
  cleanup.push({ close: stop, onExit: () => void (isRunning(child) && child.kill('SIGKILL')) });
  const output = () => [...lines.slice(-40), partial].join('\n');
  const deadline = Date.now() + (o.startTimeoutMs ?? 20_000);
  while (!(await answers200(o.readyUrl))) {
    if (exit !== undefined || Date.now() > deadline) {
      await killHard(child);
      throw new Error(`${o.name} did not become ready (${exit ?? 'timed out'}):\n${output()}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    pid: child.pid!,
    logs: () =>
      lines.flatMap((l) => {
        try {
          return [JSON.parse(l) as Record<string, unknown>];
        } catch {
          return [];
        }
      }),
    output,
    exited: () => exit,
    stop,
  };
}

async function answers200(url: string): Promise<boolean> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(1_000) });
    await res.body?.cancel();
    return res.status === 200;
  } catch {
    return false;
  }
}
