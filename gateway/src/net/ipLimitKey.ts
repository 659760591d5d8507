import { isIP } from 'node:net';

/** IPV6_LIMIT_PREFIX is the IPv6 prefix length one client is limited as: a /64 is what one subscriber gets. */
export const IPV6_LIMIT_PREFIX = 64;

function expandIpv6(ip: string): number[] | null {
  let text = ip.toLowerCase();
  const zone = text.indexOf('%');
  if (zone >= 0) text = text.slice(0, zone);
  // An embedded IPv4 tail (::ffff:1.2.3.4, 64:ff9b::1.2.3.4) is two more groups.
  const v4 = /(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
  if (v4) {
    const [a, b, c, d] = v4.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, v4.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const halves = text.split('::');
  if (halves.length > 2) return null;
  const head = halves[0] ? halves[0].split(':') : [];
  const tail = halves.length === 2 && halves[1] ? halves[1].split(':') : [];
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return null;
  const groups = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...tail].map((g) =>
    parseInt(g, 16),
  );
  return groups.length === 8 && groups.every((g) => Number.isInteger(g) && g >= 0 && g <= 0xffff)
    ? groups
    : null;
}

/**
 * ipLimitKey is the identity an IP limit counts a client address under: an IPv4 address as it is, an IPv6 address
 * by its /64, since one subscriber gets a whole /64 and could otherwise rotate through 2^64 addresses to dodge the
 * limit. Anything that is not an address is returned unchanged.
 */
export function ipLimitKey(ip: string): string {
  if (isIP(ip) !== 6) return ip;
  const groups = expandIpv6(ip);
  if (!groups) return ip;
  return `${groups
    .slice(0, IPV6_LIMIT_PREFIX / 16)
    .map((g) => g.toString(16))
    .join(':')}::/${IPV6_LIMIT_PREFIX}`;
}
