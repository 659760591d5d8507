import { BadRequestError } from '@sightline/http';

/**
 * singleQueryParams checks a parsed query string against the parameters a route knows and returns each as one
 * string; an unknown or repeated parameter is a 400, because silently ignoring it would answer another question.
 */
export function singleQueryParams(
  query: Record<string, unknown>,
  known: readonly string[],
): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [key, value] of Object.entries(query)) {
    if (!known.includes(key)) throw new BadRequestError(`unknown parameter ${key.slice(0, 40)}`);
    if (typeof value !== 'string') throw new BadRequestError(`${key} must be given once`);
    out[key] = value;
  }
  return out;
}
