import type { CodePointTest } from './RegexNode';

const range =
  (lo: number, hi: number): CodePointTest =>
  (cp) =>
    cp >= lo && cp <= hi;
const anyOf =
  (...tests: CodePointTest[]): CodePointTest =>
  (cp) =>
    tests.some((t) => t(cp));
const chars = (s: string): CodePointTest => {
  const set = new Set([...s].map((c) => c.codePointAt(0)!));
  return (cp) => set.has(cp);
};

const DIGIT = range(0x30, 0x39);
const UPPER = range(0x41, 0x5a);
const LOWER = range(0x61, 0x7a);
const WORD = anyOf(DIGIT, UPPER, LOWER, chars('_'));
const SPACE = chars('\t\n\f\r ');

/** isWordChar is RE2's ASCII word character, [0-9A-Za-z_], used by \w and \b. */
export const isWordChar: CodePointTest = WORD;

/** charTests are the character sets RE2 names: Perl classes (\d), POSIX classes ([:alpha:]) and `.`. */
export const charTests = {
  any: ((): boolean => true) as CodePointTest,
  notNewline: ((cp) => cp !== 0x0a) as CodePointTest,
  perl: { d: DIGIT, w: WORD, s: SPACE } as Record<string, CodePointTest | undefined>,
  posix: {
    alnum: anyOf(DIGIT, UPPER, LOWER),
    alpha: anyOf(UPPER, LOWER),
    ascii: range(0, 0x7f),
    blank: chars('\t '),
    cntrl: anyOf(range(0, 0x1f), chars('\x7f')),
    digit: DIGIT,
    graph: range(0x21, 0x7e),
    lower: LOWER,
    print: range(0x20, 0x7e),
    punct: anyOf(range(0x21, 0x2f), range(0x3a, 0x40), range(0x5b, 0x60), range(0x7b, 0x7e)),
    space: chars('\t\n\v\f\r '),
    upper: UPPER,
    word: WORD,
    xdigit: anyOf(DIGIT, range(0x41, 0x46), range(0x61, 0x66)),
  } as Record<string, CodePointTest | undefined>,
};

/**
 * unicodeProperty tests RE2's \p{Name}: a general category (L, Lu, Nd…) or a script (Greek, Han…). Each
 * test runs a one-character native regex, which cannot backtrack. It returns null for an unknown name.
 */
export function unicodeProperty(name: string): CodePointTest | null {
  if (!/^[A-Za-z_]+$/.test(name)) return null;
  for (const body of [name, `Script=${name}`]) {
    try {
      const re = new RegExp(`^\\p{${body}}$`, 'u');
      return (cp) => re.test(String.fromCodePoint(cp));
    } catch {
      // not this kind of property; try the next spelling
    }
  }
  return null;
}

/** caseVariants is a code point with its simple upper and lower case forms, as (?i) compares them. */
export function caseVariants(cp: number): number[] {
  const hit = variantCache.get(cp);
  if (hit) return hit;
  const out = new Set([cp]);
  for (let round = 0; round < 2; round++) {
    for (const c of [...out]) {
      const s = String.fromCodePoint(c);
      for (const v of [s.toLowerCase(), s.toUpperCase()]) {
        const code = v.codePointAt(0)!;
        if (String.fromCodePoint(code) === v) out.add(code);
      }
    }
  }
  const list = [...out];
  if (variantCache.size < 10_000) variantCache.set(cp, list);
  return list;
}

const variantCache = new Map<number, number[]>();

/** foldCase makes a test case-insensitive by also trying each case variant of the code point. */
export function foldCase(test: CodePointTest): CodePointTest {
  return (cp) => test(cp) || caseVariants(cp).some((v) => v !== cp && test(v));
}
