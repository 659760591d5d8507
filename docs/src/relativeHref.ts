import { posix } from 'node:path';

/** relativeHref is the link from one site page to another site path, both relative to the site root. */
export function relativeHref(fromPage: string, to: string): string {
  const href = posix.relative(posix.dirname(fromPage), to);
  return href === '' ? posix.basename(to) : href;
}
