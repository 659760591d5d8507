import { BadRequestError } from './HttpError';
import type { RequestHandler } from 'express';

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * refuseUnstorableText answers 400 to a parsed JSON body holding, in any key or string, what PostgreSQL cannot store:
 * U+0000 (text and jsonb) or a lone UTF-16 surrogate (jsonb). Put after the body parser of routes that store what they
 * are sent (alerting's configuration, the gateway admin API, auth's admin API): either one reached the database as a
 * 500 there (found by the fuzz drill). The walk is iterative, so nesting depth cannot hurt it.
 */
export const refuseUnstorableText: RequestHandler = (req, _res, next) => {
  // Paths are written as zod writes them (`config.headers.x`), and `body` for the body itself.
  const stack: [unknown, string][] = [[req.body as unknown, '']];
  while (stack.length > 0) {
    const [value, path] = stack.pop()!;
    const problem = typeof value === 'string' ? unstorable(value) : null;
    if (problem) throw new BadRequestError(`${path || 'body'}: ${problem}`);
    if (typeof value !== 'object' || value === null) continue;
    for (const [key, child] of Object.entries(value)) {
      const keyProblem = unstorable(key);
      if (keyProblem) throw new BadRequestError(`${path || 'body'}: a key ${keyProblem}`);
      stack.push([child, path === '' ? key : `${path}.${key}`]);
    }
  }
  next();
};

function unstorable(s: string): string | null {
  if (s.includes('\u0000')) return 'must not contain the NUL character (U+0000)';
  if (LONE_SURROGATE.test(s)) return 'must be valid Unicode (no lone UTF-16 surrogate)';
  return null;
}
