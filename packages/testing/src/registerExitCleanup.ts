/** ExitCleanup runs synchronously while the process is going away, so it must not await anything. */
export type ExitCleanup = () => void;

const cleanups = new Set<ExitCleanup>();
let installed = false;

/**
 * registerExitCleanup runs fn when the process exits, crashes or is told to stop by a signal, so that a test
 * that dies before its afterAll leaves no child process or temp dir behind; call the returned function once
 * the resource is gone.
 */
export function registerExitCleanup(fn: ExitCleanup): () => void {
  if (!installed) {
    installed = true;
    process.once('exit', runAll);
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.once(signal, onSignal);
  }
  cleanups.add(fn);
  return () => {
    cleanups.delete(fn);
  };
}

function runAll(): void {
  for (const fn of cleanups) {
    try {
      fn();
    } catch {
      // One failed cleanup must not keep the others from running while the process dies.
    }
  }
  cleanups.clear();
}

function onSignal(signal: NodeJS.Signals): void {
  runAll();
  // Listening replaced the default action (terminate); when nobody else handles the signal, die as Node would.
  if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
}
