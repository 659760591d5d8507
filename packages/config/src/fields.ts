import { z } from 'zod';

/** port is a TCP port field parsed from a string. */
export const port = (defaultPort: number) => z.coerce.number().int().min(0).max(65535).default(defaultPort);

/** bool is a boolean field that accepts true/false/1/0/yes/no. */
export const bool = (defaultValue: boolean) =>
  z
    .union([z.boolean(), z.enum(['true', 'false', '1', '0', 'yes', 'no'])])
    .default(defaultValue)
    .transform((v) => v === true || v === 'true' || v === '1' || v === 'yes');

/** url is a URL field restricted to the given protocols; its error never echoes credentials. */
export const url = (protocols: string[]) =>
  z.string().refine(
    (v) => {
      try {
        return protocols.includes(new URL(v).protocol.replace(/:$/, ''));
      } catch {
        return false;
      }
    },
    { message: `must be a valid URL with scheme ${protocols.join(' or ')}` },
  );

/** postgresUrl is a DATABASE_URL-style field. */
export const postgresUrl = () => url(['postgres', 'postgresql']);

/** redisUrl is a REDIS_URL-style field. */
export const redisUrl = () => url(['redis', 'rediss']);

/** logLevel is a pino level. */
export const logLevel = () =>
  z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info');
