/** ConfigError is raised when configuration is missing or invalid; its message names the variable. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(
    readonly variable: string,
    reason: string,
    options?: { cause?: unknown },
  ) {
    super(`${variable}: ${reason}`, options);
  }
}
