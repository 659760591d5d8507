import { BadRequestError } from '@sightline/http';

/**
 * parseQuery returns the query string as single strings, refusing unknown and repeated parameters, so a typo
 * or a smuggled second value is a 400 rather than silently ignored.
 */
export function parseQuery(query: unknown, allowed: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries((query ?? {}) as Record<string, unknown>)) {
    if (!allowed.includes(key))
      throw new BadRequestError(
        `unknown query parameter ${key.slice(0, 40)}; allowed: ${allowed.join(', ') || 'none'}`,
      );
    if (typeof value !== 'string') throw new BadRequestError(`${key} must be given once, as a plain value`);
    if (value.length > 200) throw new BadRequestError(`${key} is too long`);
    out[key] = value;
  }
  return out;
}
