import { readFileSync } from 'node:fs';
import type { z } from 'zod';
import { ConfigError } from './ConfigError';

/** Env is the shape of process.env that loadConfig reads. */
export type Env = Record<string, string | undefined>;

/**
 * loadConfig parses env into the schema once: defaults < env (or VAR_FILE) < explicit.
 * Keys of the schema are environment variable names. An invalid value throws ConfigError naming it.
 */
export function loadConfig<S extends z.ZodObject>(
  schema: S,
  env: Env = process.env,
  explicit: Partial<z.input<S>> = {},
): z.output<S> {
  const raw: Record<string, unknown> = {};
  for (const key of Object.keys(schema.shape)) {
    const fileVar = `${key}_FILE`;
    const filePath = env[fileVar];
    if (filePath !== undefined && filePath !== '') {
      try {
        raw[key] = readFileSync(filePath, 'utf8').trim();
      } catch (err) {
        throw new ConfigError(
          fileVar,
          `cannot read secret file (${(err as NodeJS.ErrnoException).code ?? 'error'})`,
          { cause: err },
        );
      }
    } else if (env[key] !== undefined && env[key] !== '') {
      raw[key] = env[key];
    }
  }
  Object.assign(raw, explicit);
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const variable = String(issue.path[0] ?? 'config');
    throw new ConfigError(variable, issue.message);
  }
  return parsed.data;
}
