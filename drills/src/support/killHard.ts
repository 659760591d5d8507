import type { ChildProcess } from 'node:child_process';

/** isRunning says whether a child process has been started and has not exited yet. */
export function isRunning(child: ChildProcess | undefined): child is ChildProcess {
  return child?.pid !== undefined && child.exitCode === null && child.signalCode === null;
}

/** killHard sends SIGKILL (a crash, not a shutdown) and resolves once the process has exited. */
export async function killHard(child: ChildProcess | undefined): Promise<void> {
  if (!isRunning(child)) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGKILL');
  await exited;
}
