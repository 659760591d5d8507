const DOT_SEGMENT = /(?:^|\/)(?:\.|%2e){1,2}(?:\/|$)/i;

/**
 * isUnsafePath is true for paths with dot segments (plain or percent-encoded) or encoded slashes, which an
 * upstream might resolve differently from the gateway's prefix match (e.g. `/auth/../internal/v1/...`).
 */
export function isUnsafePath(path: string): boolean {
  if (path.indexOf('.') === -1 && path.indexOf('%') === -1) return false;
  return DOT_SEGMENT.test(path) || /%2f|%5c/i.test(path);
}
