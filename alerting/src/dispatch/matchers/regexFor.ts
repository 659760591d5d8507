import { compileMatcherRegex } from './compileMatcherRegex';
import { MatcherSyntaxError } from './MatcherSyntaxError';
import type { MatcherRegex } from './regex/MatcherRegex';
import { RecentMap } from '@sightline/telemetry';

const CACHE_SIZE = 1024;
const cache = new RecentMap<string, MatcherRegex>(CACHE_SIZE);

/**
 * regexFor returns the compiled regex for a matcher regex, compiled once and kept in a small bounded
 * cache, and throws MatcherSyntaxError for a regex compileMatcherRegex refuses.
 */
export function regexFor(source: string): MatcherRegex {
  const hit = cache.get(source);
  if (hit) return hit;
  const r = compileMatcherRegex(source);
  if (!r.ok) throw new MatcherSyntaxError(r.reason, source, r.offset);
  cache.set(source, r.regex);
  return r.regex;
}
