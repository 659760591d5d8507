import { isIPv4, isIPv6 } from 'node:net';

/** truncateIPv4 keeps the /24 network of an IPv4 address (the last octet becomes 0), or null if it is not one. */
export function truncateIPv4(text: string): string | null {
  if (!isIPv4(text)) return null;
  const parts = text.split('.');
  return `${parts[0]}.${parts[1]}.${parts[2]}.0`;
}

/** truncateIPv6 keeps the /48 network of an IPv6 address (`a:b:c::`), or null if it is not one. */
export function truncateIPv6(text: string): string | null {
  if (!isIPv6(text)) return null;
  const groups = expand(text.replace(/%.*$/, ''));
  if (groups === null) return null;
  const kept = groups.slice(0, 3).map((g) => g.replace(/^0+(?=.)/, '').toLowerCase());
  return `${kept.join(':')}::`;
}

function expand(address: string): string[] | null {
  // An embedded IPv4 tail (::ffff:1.2.3.4) stands for the last two groups.
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(address);
  let text = address;
  if (v4) {
    const o = v4[1]!.split('.').map(Number);
    text = `${address.slice(0, -v4[1]!.length)}${((o[0]! << 8) | o[1]!).toString(16)}:${((o[2]! << 8) | o[3]!).toString(16)}`;
  }
  const [head, tail] = text.split('::') as [string, string | undefined];
  const left = head === '' ? [] : head.split(':');
  if (tail === undefined) return left.length === 8 ? left : null;
  const right = tail === '' ? [] : tail.split(':');
  const fill = 8 - left.length - right.length;
  return fill < 0 ? null : [...left, ...new Array<string>(fill).fill('0'), ...right];
}

/**
 * ipNetwork returns the /24 network of an IPv4 address or the /48 of an IPv6 one (`198.51.100.0/24`,
 * `2001:db8:5::/48`), an IPv4-mapped IPv6 address read as IPv4: what a log line may carry, where the address itself
 * is personal data (only audit logs keep it). Anything that is not an address gives undefined.
 */
export function ipNetwork(ip: string | undefined): string | undefined {
  if (ip === undefined) return undefined;
  const v4 = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip)?.[1] ?? ip;
  const network4 = truncateIPv4(v4);
  if (network4 !== null) return `${network4}/24`;
  const network6 = truncateIPv6(ip);
  return network6 === null ? undefined : `${network6}/48`;
}
