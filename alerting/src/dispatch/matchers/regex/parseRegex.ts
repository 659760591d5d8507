import { caseVariants, charTests, foldCase, unicodeProperty } from './charTests';
import type { CodePointTest, RegexNode } from './RegexNode';
import { RegexSyntaxProblem } from './RegexSyntaxProblem';

interface Flags {
  i: boolean;
  s: boolean;
}

type ClassItem = { cp: number } | { test: CodePointTest };

const EMPTY: RegexNode = { t: 'empty' };
const COUNTED = /^\{(\d+)(,(\d*))?\}/;
const MAX_REPEAT = 1000;

/**
 * parseRegex parses RE2 syntax, as Alertmanager's matchers use it, and throws RegexSyntaxProblem for what
 * RE2 refuses (backreferences, lookaround) and for what is not supported here: `(?m)` and `(?U)`, which
 * would change what a whole-value match means, and `\C`.
 */
export function parseRegex(source: string): RegexNode {
  const p = new Parser(source);
  const node = p.alternation({ i: false, s: false });
  if (p.i < source.length) throw new RegexSyntaxProblem('unmatched )', p.i);
  return node;
}

class Parser {
  i = 0;

  constructor(private readonly src: string) {}

  alternation(flags: Flags): RegexNode {
    const items = [this.concatenation(flags)];
    while (this.src[this.i] === '|') {
      this.i += 1;
      items.push(this.concatenation(flags));
    }
    return items.length === 1 ? items[0]! : { t: 'alt', items };
  }

  private concatenation(flags: Flags): RegexNode {
    const items: RegexNode[] = [];
    while (this.i < this.src.length && this.src[this.i] !== '|' && this.src[this.i] !== ')') {
      const atom = this.atom(flags);
      if (atom) items.push(this.quantified(atom));
    }
    if (items.length === 0) return EMPTY;
    return items.length === 1 ? items[0]! : { t: 'cat', items };
  }

  private quantified(atom: RegexNode): RegexNode {
    let node = atom;
    let repeated = false;
    for (;;) {
      const start = this.i;
      const c = this.src[this.i];
      let min: number;
      let max: number;
      const counted = c === '{' ? COUNTED.exec(this.src.slice(this.i)) : null;
      if (c === '*' || c === '+' || c === '?') {
        [min, max] = c === '*' ? [0, Infinity] : c === '+' ? [1, Infinity] : [0, 1];
        this.i += 1;
      } else if (counted) {
        min = Number(counted[1]);
        max = counted[2] === undefined ? min : counted[3] === '' ? Infinity : Number(counted[3]);
        if (min > MAX_REPEAT || (max !== Infinity && max > MAX_REPEAT)) {
          throw new RegexSyntaxProblem(`repeat counts above ${MAX_REPEAT} are not supported`, start);
        }
        if (max < min)
          throw new RegexSyntaxProblem('invalid repeat count: the maximum is below the minimum', start);
        this.i += counted[0].length;
      } else {
        return node;
      }
      if (repeated) throw new RegexSyntaxProblem('invalid nested repetition operator', start);
      if (this.src[this.i] === '?') this.i += 1; // lazy: the same set of matches for a yes/no test
      node = { t: 'repeat', node, min, max };
      repeated = true;
    }
  }

  /** atom returns null for a flag group such as `(?i)`, which changes flags but matches nothing. */
  private atom(flags: Flags): RegexNode | null {
    const c = this.src[this.i]!;
    switch (c) {
      case '(':
        return this.group(flags);
      case '[':
        return this.charClass(flags);
      case '.':
        this.i += 1;
        return { t: 'char', test: flags.s ? charTests.any : charTests.notNewline };
      case '^':
        this.i += 1;
        return { t: 'assert', kind: 'start' };
      case '$':
        this.i += 1;
        return { t: 'assert', kind: 'end' };
      case '\\':
        return this.escape(flags);
      case '*':
      case '+':
      case '?':
        throw new RegexSyntaxProblem(`missing argument to repetition operator ${c}`, this.i);
      default:
        if (c === '{' && COUNTED.test(this.src.slice(this.i))) {
          throw new RegexSyntaxProblem('missing argument to repetition operator {', this.i);
        }
        return this.literal(this.readCodePoint(), flags);
    }
  }

  private group(flags: Flags): RegexNode | null {
    const open = this.i;
    this.i += 1;
    let inner: Flags = { ...flags };
    const rest = this.src.slice(this.i);
    if (rest.startsWith('?')) {
      const named = /^\?P?<([A-Za-z0-9_]*)>/.exec(rest);
      if (/^\?(=|!|<=|<!)/.test(rest)) {
        throw new RegexSyntaxProblem('lookaround assertions are not supported (Alertmanager uses RE2)', open);
      } else if (named) {
        if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(named[1]!)) {
          throw new RegexSyntaxProblem('invalid capture group name', open);
        }
        this.i += named[0].length;
      } else {
        const spec = /^\?([A-Za-z-]*)([:)])/.exec(rest);
        if (!spec) throw new RegexSyntaxProblem('invalid or unsupported group syntax after (?', open);
        inner = this.applyFlags(spec[1]!, spec[2] === ')' ? flags : inner, open);
        this.i += spec[0].length;
        if (spec[2] === ')') return null;
      }
    }
    const node = this.alternation(inner);
    if (this.src[this.i] !== ')') throw new RegexSyntaxProblem('missing closing )', open);
    this.i += 1;
    return node;
  }

  /** applyFlags sets (or with `-` clears) i and s on target, which it returns. */
  private applyFlags(spec: string, target: Flags, at: number): Flags {
    let on = true;
    for (const f of spec) {
      if (f === '-') on = false;
      else if (f === 'i' || f === 's') target[f] = on;
      else if (f === 'm' || f === 'U') {
        throw new RegexSyntaxProblem(
          `flag (?${f}) is not supported: a matcher always matches the whole value`,
          at,
        );
      } else throw new RegexSyntaxProblem(`unknown flag ${f}; only i and s are supported`, at);
    }
    return target;
  }

  private charClass(flags: Flags): RegexNode {
    const open = this.i;
    this.i += 1;
    let negate = false;
    if (this.src[this.i] === '^') {
      negate = true;
      this.i += 1;
    }
    const ranges: Array<[number, number]> = [];
    const tests: CodePointTest[] = [];
    let first = true;
    for (;;) {
      if (this.i >= this.src.length)
        throw new RegexSyntaxProblem('missing closing ] for this character class', open);
      if (this.src[this.i] === ']' && !first) {
        this.i += 1;
        break;
      }
      first = false;
      const posix = /^\[:(\^?)([a-z]+):\]/.exec(this.src.slice(this.i));
      if (posix) {
        const t = charTests.posix[posix[2]!];
        if (!t) throw new RegexSyntaxProblem(`unknown POSIX class [:${posix[2]}:]`, this.i);
        tests.push(posix[1] ? (cp) => !t(cp) : t);
        this.i += posix[0].length;
        continue;
      }
      const lo = this.classItem(flags);
      if ('test' in lo) {
        tests.push(lo.test);
        continue;
      }
      if (this.src[this.i] === '-' && this.i + 1 < this.src.length && this.src[this.i + 1] !== ']') {
        const dash = this.i;
        this.i += 1;
        const hi = this.classItem(flags);
        if ('test' in hi) throw new RegexSyntaxProblem('a class such as \\d cannot end a range', dash);
        if (hi.cp < lo.cp)
          throw new RegexSyntaxProblem('invalid character class range: end before start', dash);
        ranges.push([lo.cp, hi.cp]);
      } else {
        ranges.push([lo.cp, lo.cp]);
      }
    }
    const base: CodePointTest = (cp) =>
      ranges.some(([a, b]) => cp >= a && cp <= b) || tests.some((t) => t(cp));
    const folded = flags.i ? foldCase(base) : base;
    return { t: 'char', test: negate ? (cp) => !folded(cp) : folded };
  }

  private classItem(flags: Flags): ClassItem {
    if (this.src[this.i] !== '\\') return { cp: this.readCodePoint() };
    const node = this.escape(flags, true);
    if (node.t !== 'char')
      throw new RegexSyntaxProblem('this escape is not allowed in a character class', this.i);
    return node.literal !== undefined ? { cp: node.literal } : { test: node.test };
  }

  /** escape reads `\x…`; in a class it must yield one character or set (flags only matter outside). */
  private escape(flags: Flags, inClass = false): RegexNode {
    const at = this.i;
    const d = this.src[this.i + 1];
    if (d === undefined) throw new RegexSyntaxProblem('trailing backslash at the end of the regex', at);
    this.i += 2;
    const perl = charTests.perl[d.toLowerCase()];
    if (perl) {
      const test = d === d.toLowerCase() ? perl : (cp: number) => !perl(cp);
      return { t: 'char', test };
    }
    if (!inClass) {
      if (d === 'b' || d === 'B')
        return { t: 'assert', kind: d === 'b' ? 'wordBoundary' : 'notWordBoundary' };
      if (d === 'A') return { t: 'assert', kind: 'start' };
      if (d === 'z') return { t: 'assert', kind: 'end' };
      if (d === 'Q') return this.quoted(flags);
    }
    if (d === 'p' || d === 'P') return { t: 'char', test: this.property(d === 'P', at) };
    if (d === 'x') return this.literal(this.hexEscape(at), flags, inClass);
    const simple: Record<string, number> = { n: 10, t: 9, r: 13, f: 12, v: 11, a: 7 };
    if (simple[d] !== undefined) return this.literal(simple[d], flags, inClass);
    if (/[0-9]/.test(d)) {
      throw new RegexSyntaxProblem(
        'backreferences and octal escapes are not supported (Alertmanager uses RE2)',
        at,
      );
    }
    if (/[!-/:-@[-`{-~]/.test(d)) return this.literal(d.codePointAt(0)!, flags, inClass);
    throw new RegexSyntaxProblem(`invalid escape \\${d}`, at);
  }

  private quoted(flags: Flags): RegexNode {
    const end = this.src.indexOf('\\E', this.i);
    const text = this.src.slice(this.i, end < 0 ? undefined : end);
    this.i = end < 0 ? this.src.length : end + 2;
    const items = [...text].map((ch) => this.literal(ch.codePointAt(0)!, flags));
    return items.length === 0 ? EMPTY : { t: 'cat', items };
  }

  private property(negate: boolean, at: number): CodePointTest {
    let name: string;
    if (this.src[this.i] === '{') {
      const close = this.src.indexOf('}', this.i);
      if (close < 0) throw new RegexSyntaxProblem('missing closing } in \\p{…}', at);
      name = this.src.slice(this.i + 1, close);
      this.i = close + 1;
    } else {
      name = this.src[this.i] ?? '';
      this.i += 1;
    }
    if (name.startsWith('^')) {
      negate = !negate;
      name = name.slice(1);
    }
    const test = unicodeProperty(name);
    if (!test) throw new RegexSyntaxProblem(`unknown Unicode class \\p{${name}}`, at);
    return negate ? (cp) => !test(cp) : test;
  }

  private hexEscape(at: number): number {
    const m =
      /^\{([0-9A-Fa-f]{1,6})\}/.exec(this.src.slice(this.i)) ??
      /^[0-9A-Fa-f]{2}/.exec(this.src.slice(this.i));
    if (!m) throw new RegexSyntaxProblem('invalid \\x escape: write \\xHH or \\x{HHHH}', at);
    this.i += m[0].length;
    const cp = parseInt(m[1] ?? m[0], 16);
    if (cp > 0x10ffff) throw new RegexSyntaxProblem('\\x{…} is beyond the last Unicode code point', at);
    return cp;
  }

  private readCodePoint(): number {
    const cp = this.src.codePointAt(this.i)!;
    this.i += cp > 0xffff ? 2 : 1;
    return cp;
  }

  /** literal is one character; under (?i) it matches its case variants (in a class the class folds). */
  private literal(cp: number, flags: Flags, inClass = false): RegexNode {
    if (!flags.i || inClass) return { t: 'char', test: (c) => c === cp, literal: cp };
    const set = new Set(caseVariants(cp));
    if (set.size === 1) return { t: 'char', test: (c) => c === cp, literal: cp };
    return { t: 'char', test: (c) => set.has(c) };
  }
}
