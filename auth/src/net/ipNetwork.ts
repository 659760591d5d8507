import { isIPv4, isIPv6 } from 'node:net';

/**
 * ipNetwork returns the /24 network of an IPv4 address or the /48 of an IPv6 one (`198.51.100.0/24`,
 * `2001:db8:5::/48`): what a log line may carry, where the address itself is personal data that only the audit log
 * keeps. Anything that is not an address gives undefined.
 */
export function ipNetwork(ip: string | undefined): string | undefined {
  if (ip === undefined) return undefined;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip)?.[1];
  const v4 = mapped ?? ip;
  if (isIPv4(v4)) return `${v4.split('.').slice(0, 3).join('.')}.0/24`;
  const v6 = ip.replace(/%.*$/, '');
  if (!isIPv6(v6)) return undefined;
  const [head = '', tail] = v6.split('::');
  const left = head === '' ? [] : head.split(':');
  const right = tail === undefined || tail === '' ? [] : tail.split(':');
  const groups =
    tail === undefined
      ? left
      : [...left, ...new Array<string>(8 - left.length - right.length).fill('0'), ...right];
  const kept = groups.slice(0, 3).map((g) => g.replace(/^0+(?=.)/, '').toLowerCase());
  return `${kept.join(':')}::/48`;
}
