import { randomBytes, randomInt } from 'node:crypto';

/** CanaryKind says whether a canary stands for a secret (never shown anywhere) or for personal data (PII). */
export type CanaryKind = 'secret' | 'pii';

/** Canary is one known value the drill plants, and the forms it is searched for in everything the run produced. */
export interface Canary {
  name: string;
  kind: CanaryKind;
  value: string;
  /** needles are the forms searched for: the value, its URL encoding, spaced or dashed card digits… */
  needles: string[];
  /** bounded needles only count when no digit or dot touches them (an IP address must not match a longer one). */
  bounded?: boolean;
  /** caseless needles match in any case (e-mail addresses are lower-cased by the services). */
  caseless?: boolean;
  /** knownLeak says why finding this canary is a known, reported gap: counted apart, it does not fail the drill. */
  knownLeak?: string;
}

/** CanaryFinding is one canary found where it must not be. */
export interface CanaryFinding {
  canary: string;
  kind: CanaryKind;
  /** where says which source and which line, body or row the canary is in. */
  where: string;
  /** known is set for a canary whose leak is a known, reported gap (see Canary.knownLeak). */
  known: boolean;
  /** excerpt is the text around it, with every canary replaced by its name. */
  excerpt: string;
}

const hex = (bytes: number) => randomBytes(bytes).toString('hex');

/**
 * Canaries holds the run's canaries: secrets the platform is configured with or hands out (tokens, keys, passwords)
 * and personal data sent in its traffic. Every value is new for each run, so a match can only come from this run.
 */
export class Canaries {
  readonly all: Canary[] = [];
  /** id is a short random tag that every canary of the run carries, so a leak is easy to grep for by hand. */
  readonly id = hex(4);

  /** secret adds a secret canary and returns its value. */
  secret(name: string, value: string): string {
    const needles = [value, encodeURIComponent(value)];
    // A partly printed JWT (its signature) is as bad as a whole one.
    const jwt = /^[\w-]+\.[\w-]+\.([\w-]{20,})$/.exec(value);
    if (jwt) needles.push(jwt[1]!);
    this.all.push({ name, kind: 'secret', value, needles: [...new Set(needles)] });
    return value;
  }

  /** token returns a new random secret of the form `<prefix><run id><hex>`, registered under name. */
  token(name: string, prefix: string, bytes = 12): string {
    return this.secret(name, `${prefix}${this.id}${hex(bytes)}`);
  }

  /** email returns a new e-mail address at example.com whose local part is the canary (domains are not personal). */
  email(name: string, knownLeak?: string): string {
    const local = `cnry.${this.id}.${hex(3)}`;
    this.all.push({
      name,
      kind: 'pii',
      value: local,
      needles: [local],
      caseless: true,
      ...(knownLeak ? { knownLeak } : {}),
    });
    return `${local}@example.com`;
  }

  /** ipv4 returns an address in TEST-NET-2 (198.51.100.0/24); its /24 network alone is not personal. */
  ipv4(name: string): string {
    const value = `198.51.100.${randomInt(11, 250)}`;
    this.all.push({ name, kind: 'pii', value, needles: [value], bounded: true });
    return value;
  }

  /** ipv6 returns an address in the documentation prefix 2001:db8::/32 with random low groups. */
  ipv6(name: string): string {
    const g = () => randomInt(0x1000, 0xffff).toString(16);
    const value = `2001:db8:${g()}:${g()}:${g()}::${g()}`;
    // In a query string its colons are percent-encoded.
    this.all.push({ name, kind: 'pii', value, needles: [value, encodeURIComponent(value)], caseless: true });
    return value;
  }

  /** card returns a random Luhn-valid 16-digit Visa-range number, searched for plain, spaced and dashed. */
  card(name: string): string {
    const body = `4${Array.from({ length: 14 }, () => randomInt(0, 10)).join('')}`;
    const value = body + luhnDigit(body);
    const groups = value.match(/\d{4}/g)!;
    this.all.push({
      name,
      kind: 'pii',
      value,
      needles: [value, groups.join(' '), groups.join('-'), groups.join('%20'), groups.join('+')],
      bounded: true,
    });
    return value;
  }

  /** scan finds every canary in a text; where names the source (`stdout of auth, line 12`). */
  scan(text: string, where: string): CanaryFinding[] {
    const found: CanaryFinding[] = [];
    let lower: string | undefined;
    for (const c of this.all) {
      const hay = c.caseless ? (lower ??= text.toLowerCase()) : text;
      for (const needle of c.needles) {
        const n = c.caseless ? needle.toLowerCase() : needle;
        const at = indexOfBounded(hay, n, c.bounded === true);
        if (at === -1) continue;
        found.push({
          canary: c.name,
          kind: c.kind,
          where,
          known: c.knownLeak !== undefined,
          excerpt: this.mask(text.slice(Math.max(0, at - 120), at + n.length + 120)),
        });
        break;
      }
    }
    return found;
  }

  /** mask replaces every canary in a text by `<name>`, so a report can quote the context without the values. */
  mask(text: string): string {
    let out = text;
    for (const c of this.all) {
      for (const needle of [...c.needles].sort((a, b) => b.length - a.length)) {
        out = out.replace(new RegExp(escapeRegExp(needle), c.caseless ? 'gi' : 'g'), `<${c.name}>`);
      }
    }
    return out;
  }
}

function indexOfBounded(hay: string, needle: string, bounded: boolean): number {
  for (let at = hay.indexOf(needle); at !== -1; at = hay.indexOf(needle, at + 1)) {
    if (!bounded) return at;
    const before = hay[at - 1] ?? '';
    const after = hay[at + needle.length] ?? '';
    if (
      !/[\d.]/.test(before) &&
      !/\d/.test(after) &&
      !(after === '.' && /\d/.test(hay[at + needle.length + 1] ?? ''))
    )
      return at;
  }
  return -1;
}

function luhnDigit(body: string): number {
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    let d = Number(body[body.length - 1 - i]);
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
