/** Closable is what a service's start function returns: something that shuts it down cleanly. */
export interface Closable {
  close(): Promise<void>;
}

/**
 * runMain runs a service's start function. A start-up failure becomes one line on stderr and exit 1.
 * When start resolves to a Closable, SIGINT/SIGTERM close it and exit 0 (a second signal exits at once).
 */
export function runMain(service: string, start: () => Promise<unknown>): void {
  start().then(
    (handle) => {
      if (!isClosable(handle)) return;
      let stopping = false;
      const stop = (signal: NodeJS.Signals) => {
        if (stopping) process.exit(130);
        stopping = true;
        const timer = setTimeout(() => {
          process.stderr.write(`${service}: did not stop within 10 s of ${signal}; exiting\n`);
          process.exit(1);
        }, 10_000);
        timer.unref();
        handle.close().then(
          () => process.exit(0),
          (err: unknown) => {
            process.stderr.write(`${service}: error while stopping: ${describeStartError(err)}\n`);
            process.exit(1);
          },
        );
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    },
    (err: unknown) => {
      process.stderr.write(`${service}: failed to start: ${describeStartError(err)}\n`);
      process.exit(1);
    },
  );
}

function isClosable(v: unknown): v is Closable {
  return typeof v === 'object' && v !== null && typeof (v as Closable).close === 'function';
}

/** describeStartError turns a start-up error into one line that names its cause. */
export function describeStartError(err: unknown): string {
  const e = err as NodeJS.ErrnoException & { port?: number; address?: string };
  if (e?.code === 'EADDRINUSE') return `port ${e.port ?? '?'} is already in use (EADDRINUSE)`;
  if (e?.code === 'ECONNREFUSED')
    return `connection refused to ${e.address ?? '?'}:${e.port ?? '?'} (ECONNREFUSED)`;
  if (e?.name === 'ConfigError') return `invalid configuration: ${e.message}`;
  if (e?.name === 'MigrationError')
    return `${e.message}${e.cause instanceof Error ? ` (${e.cause.message})` : ''}`;
  return e?.message ? `${e.name ?? 'Error'}: ${e.message}` : String(err);
}
