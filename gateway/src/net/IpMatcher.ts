import { BlockList, isIP } from 'node:net';

/** InvalidCidrError says a CIDR (or address) in configuration cannot be parsed. */
export class InvalidCidrError extends Error {
  override readonly name = 'InvalidCidrError';
}

/** parseCidr splits `10.0.0.0/8`, `::1/128` or a bare address into address, family and prefix length. */
export function parseCidr(cidr: string): { address: string; family: 'ipv4' | 'ipv6'; prefix: number } {
  const [address = '', bits, extra] = cidr.trim().split('/');
  const version = isIP(address);
  if (version === 0 || extra !== undefined) throw new InvalidCidrError(`not a CIDR: ${cidr}`);
  const max = version === 4 ? 32 : 128;
  const prefix = bits === undefined ? max : Number(bits);
  if (!/^\d{1,3}$/.test(bits ?? String(max)) || prefix > max)
    throw new InvalidCidrError(`not a CIDR: ${cidr}`);
  return { address, family: version === 4 ? 'ipv4' : 'ipv6', prefix };
}

/** normalizeIp turns an IPv4-mapped IPv6 address (`::ffff:1.2.3.4`) into plain IPv4. */
export function normalizeIp(ip: string): string {
  return ip.startsWith('::ffff:') && isIP(ip.slice(7)) === 4 ? ip.slice(7) : ip;
}

/** IpMatcher tells whether an address falls in any of a set of CIDRs (node's BlockList does the matching). */
export class IpMatcher {
  private readonly list = new BlockList();
  /** The number of CIDRs; an empty matcher matches nothing and costs nothing. */
  readonly size: number;

  constructor(cidrs: readonly string[]) {
    for (const c of cidrs) {
      const { address, family, prefix } = parseCidr(c);
      this.list.addSubnet(address, prefix, family);
    }
    this.size = cidrs.length;
  }

  /** matches is true when ip (v4, v6 or v4-mapped v6) is inside one of the CIDRs. */
  matches(ip: string): boolean {
    if (this.size === 0) return false;
    const plain = normalizeIp(ip);
    const version = isIP(plain);
    if (version === 0) return false;
    return this.list.check(plain, version === 4 ? 'ipv4' : 'ipv6');
  }
}
