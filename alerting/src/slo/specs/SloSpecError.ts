/** SloSpecError is raised when an SLO spec cannot be read; the message names the file and the path. */
export class SloSpecError extends Error {
  override readonly name = 'SloSpecError';
  constructor(
    readonly file: string,
    readonly path: string,
    reason: string,
    options?: { cause?: unknown },
  ) {
    super(`${file}${path ? `: ${path}` : ''}: ${reason}`, options);
  }
}
