import { isIP } from 'node:net';

/**
 * parseCidrList turns a comma-separated list of addresses and CIDR blocks into a clean list, or returns
 * a message naming the first entry that is not one.
 */
export function parseCidrList(value: string): string[] | string {
  const entries = value
    .split(',')
    .map((e) => e.trim())
    .filter((e) => e !== '');
  for (const entry of entries) {
    const [address, bits, extra] = entry.split('/');
    const family = isIP(address ?? '');
    const maxBits = family === 6 ? 128 : 32;
    const validBits = bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= maxBits);
    if (family === 0 || !validBits || extra !== undefined)
      return `"${entry}" is not an IP address or CIDR block`;
  }
  return entries;
}
