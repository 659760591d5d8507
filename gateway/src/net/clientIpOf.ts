import { isIP } from 'node:net';
import type { IpMatcher } from './IpMatcher';
import { normalizeIp } from './IpMatcher';

/**
 * clientIpOf returns the client address of a request: the peer itself unless it is a trusted proxy, else the
 * right-most X-Forwarded-For hop that is not a trusted proxy. Hops left of it were written by the client and
 * are ignored, so a spoofed header cannot change which address is limited; a malformed hop ends the walk at
 * the last trusted address.
 */
export function clientIpOf(
  peer: string | undefined,
  forwardedFor: string | string[] | undefined,
  trusted: IpMatcher,
): string {
  const from = normalizeIp(peer ?? '');
  if (trusted.size === 0 || forwardedFor === undefined || !trusted.matches(from)) return from || 'unknown';
  const header = Array.isArray(forwardedFor) ? forwardedFor.join(',') : forwardedFor;
  const hops = header.split(',');
  let client = from;
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = normalizeIp(hops[i]!.trim());
    if (isIP(hop) === 0) return client;
    client = hop;
    if (!trusted.matches(hop)) return hop;
  }
  return client;
}
