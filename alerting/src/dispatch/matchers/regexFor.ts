import { compileMatcherRegex } from './compileMatcherRegex';
import { MatcherSyntaxError } from './MatcherSyntaxError';
import type { MatcherRegex } from './regex/MatcherRegex';

const CACHE_SIZE = 1024;
const cache = new Map<string, MatcherRegex>();

/**
 * regexFor returns the compiled regex for a matcher regex, compiled once and kept in a small bounded
 * cache, and throws MatcherSyntaxError for a regex compileMatcherRegex refuses.
 */
export function regexFor(source: string): MatcherRegex {
  const hit = cache.get(source);
  if (hit) return hit;
  const r = compileMatcherRegex(source);
  if (!r.ok) throw new MatcherSyntaxError(r.reason, source, r.offset);
  if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value!);
  cache.set(source, r.regex);
  return r.regex;
}
