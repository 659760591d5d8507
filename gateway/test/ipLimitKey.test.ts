import { ipLimitKey } from '../src/net/ipLimitKey';

describe('the identity an IP limit counts a client under', () => {
  it('keeps an IPv4 address as it is', () => {
    expect(ipLimitKey('203.0.113.7')).toBe('203.0.113.7');
  });

  it('counts every address of one IPv6 /64 as one client, whatever its spelling', () => {
    const same = [
      '2001:db8:1:2::1',
      '2001:db8:1:2:ffff:ffff:ffff:ffff',
      '2001:0DB8:0001:0002:0000:0000:0000:0042',
      '2001:db8:1:2:abcd::1%eth0',
    ].map(ipLimitKey);
    expect(new Set(same)).toEqual(new Set(['2001:db8:1:2::/64']));
    expect(ipLimitKey('2001:db8:1:3::1')).toBe('2001:db8:1:3::/64');
  });

  it('handles the short forms: ::1, ::, an embedded IPv4 tail', () => {
    expect(ipLimitKey('::1')).toBe('0:0:0:0::/64');
    expect(ipLimitKey('::')).toBe('0:0:0:0::/64');
    expect(ipLimitKey('64:ff9b::192.0.2.33')).toBe('64:ff9b:0:0::/64');
  });

  it('returns what is not an address unchanged, so a bad value never widens a key', () => {
    expect(ipLimitKey('unknown')).toBe('unknown');
    expect(ipLimitKey('1:2:3')).toBe('1:2:3');
  });
});
