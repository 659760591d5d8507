/**
 * runMain runs a service's start function and turns a start-up failure into one line on stderr and exit 1.
 * Named errors (ConfigError, EADDRINUSE) name their cause; nothing with secrets is printed.
 */
export function runMain(service: string, start: () => Promise<unknown>): void {
  start().catch((err: unknown) => {
    process.stderr.write(`${service}: failed to start: ${describeStartError(err)}\n`);
    process.exit(1);
  });
}

/** describeStartError turns a start-up error into one line that names its cause. */
export function describeStartError(err: unknown): string {
  const e = err as NodeJS.ErrnoException & { port?: number; address?: string };
  if (e?.code === 'EADDRINUSE') return `port ${e.port ?? '?'} is already in use (EADDRINUSE)`;
  if (e?.code === 'ECONNREFUSED') return `connection refused to ${e.address ?? '?'}:${e.port ?? '?'} (ECONNREFUSED)`;
  if (e?.name === 'ConfigError') return `invalid configuration: ${e.message}`;
  return e?.message ? `${e.name ?? 'Error'}: ${e.message}` : String(err);
}
