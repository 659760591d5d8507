import fc from 'fast-check';
import { CompiledMatchers } from '../../src/dispatch/matchers/CompiledMatchers';
import { compileMatcherRegex } from '../../src/dispatch/matchers/compileMatcherRegex';
import { formatMatcher } from '../../src/dispatch/matchers/formatMatcher';
import { formatMatchers } from '../../src/dispatch/matchers/formatMatchers';
import type { LabelMatcher, LabelSet } from '../../src/dispatch/matchers/LabelMatcher';
import { LabelMatcherSchema } from '../../src/dispatch/matchers/LabelMatcherSchema';
import { matches } from '../../src/dispatch/matchers/matches';
import { matchesAll } from '../../src/dispatch/matchers/matchesAll';
import { MatcherSyntaxError } from '../../src/dispatch/matchers/MatcherSyntaxError';
import { parseMatcher } from '../../src/dispatch/matchers/parseMatcher';
import { parseMatchers } from '../../src/dispatch/matchers/parseMatchers';

const m = (name: string, type: LabelMatcher['type'], value: string): LabelMatcher => ({ name, type, value });

function syntaxError(fn: () => unknown): MatcherSyntaxError {
  try {
    fn();
  } catch (err) {
    if (err instanceof MatcherSyntaxError) return err;
    throw err;
  }
  throw new Error('expected a MatcherSyntaxError');
}

describe('parsing matchers from text', () => {
  it.each<[string, string, LabelMatcher]>([
    ['reads an equality matcher with a quoted value', 'severity="page"', m('severity', '=', 'page')],
    ['reads a regex matcher', 'job=~"api|web"', m('job', '=~', 'api|web')],
    ['reads a negated equality matcher', 'env!="prod"', m('env', '!=', 'prod')],
    ['reads a negated regex matcher', 'team!~"db.*"', m('team', '!~', 'db.*')],
    ['allows spaces around the name, operator and value', '  a  =~  "x"  ', m('a', '=~', 'x')],
    ['reads an unquoted value as Alertmanager does', 'a=b-1.2', m('a', '=', 'b-1.2')],
    ['unescapes \\" \\\\ and \\n inside quotes', 'a="x\\"y\\\\z\\n"', m('a', '=', 'x"y\\z\n')],
    [
      'keeps any other backslash as written, so regex escapes survive',
      'ip=~"10\\.0\\..*"',
      m('ip', '=~', '10\\.0\\..*'),
    ],
    ['keeps non-ASCII text in values', 'service="café ☕ 😀"', m('service', '=', 'café ☕ 😀')],
    ['reads an empty quoted value', 'a=""', m('a', '=', '')],
  ])('%s', (_name, text, want) => {
    expect(parseMatcher(text)).toEqual(want);
  });

  it.each<[string, string, LabelMatcher[]]>([
    ['reads a braced list', '{a="b", c=~"d"}', [m('a', '=', 'b'), m('c', '=~', 'd')]],
    ['reads a comma-separated list without braces', 'a="b",c!="d"', [m('a', '=', 'b'), m('c', '!=', 'd')]],
    ['allows a trailing comma', '{a="b",}', [m('a', '=', 'b')]],
    ['reads {} as the empty list', '{}', []],
    ['reads blank text as the empty list', '   ', []],
    ['keeps commas and braces inside quoted values', '{a="x,}{y"}', [m('a', '=', 'x,}{y')]],
  ])('%s', (_name, text, want) => {
    expect(parseMatchers(text)).toEqual(want);
  });

  it.each<[string, () => unknown, RegExp, number]>([
    [
      'reports an unterminated quote at the opening quote',
      () => parseMatcher('a="b'),
      /unterminated quoted value/,
      3,
    ],
    [
      'reports an unterminated quote after a trailing backslash',
      () => parseMatcher('a="b\\'),
      /unterminated/,
      3,
    ],
    [
      'reports a missing operator after the label name',
      () => parseMatcher('a~"b"'),
      /expected '=', '!=', '=~' or '!~' after label name "a"/,
      2,
    ],
    ['reports a missing label name', () => parseMatcher('="b"'), /expected a label name/, 1],
    [
      'reports a label name that starts with a digit',
      () => parseMatcher('1a="b"'),
      /cannot start with a digit/,
      1,
    ],
    ['reports == as a mistake for =', () => parseMatcher('a=="b"'), /'==' is not an operator/, 2],
    ['reports single-quoted values', () => parseMatcher("a='b'"), /quoted with " not '/, 3],
    ['reports a missing value', () => parseMatcher('a='), /expected a value after =/, 3],
    [
      'reports quoted label names, which need UTF-8 names',
      () => parseMatcher('"a b"="c"'),
      /quoted label names are not supported/,
      1,
    ],
    [
      'reports an invalid regex at the value',
      () => parseMatcher('a=~"(b"'),
      /invalid regular expression: missing closing \)/,
      5,
    ],
    [
      'reports a backreference, which RE2 does not have',
      () => parseMatcher('a=~"(x)\\1"'),
      /backreferences/,
      8,
    ],
    ['reports a lookahead, which RE2 does not have', () => parseMatcher('a=~"(?=x)"'), /lookaround/, 5],
    [
      'reports text after a single matcher',
      () => parseMatcher('a="b" c="d"'),
      /parseMatcher reads one matcher/,
      7,
    ],
    [
      'reports a missing comma between matchers',
      () => parseMatchers('{a="b" c="d"}'),
      /expected ',' or '}'/,
      8,
    ],
    [
      'reports a missing closing brace at the opening brace',
      () => parseMatchers('{a="b"'),
      /missing closing '}'/,
      1,
    ],
    ['reports text after the closing brace', () => parseMatchers('{a="b"} x'), /after the closing '}'/, 9],
    [
      'reports an empty item between commas',
      () => parseMatchers('a="b",,c="d"'),
      /expected a label name, found ","/,
      7,
    ],
  ])('%s', (_name, fn, reason, column) => {
    const err = syntaxError(fn);
    expect(err.name).toBe('MatcherSyntaxError');
    expect(err.message).toMatch(reason);
    expect(err.message).toContain(`at column ${column}`);
    expect(err.offset).toBe(column - 1);
  });

  it('refuses a value over 1024 characters and names the limit', () => {
    const err = syntaxError(() => parseMatcher(`a="${'x'.repeat(1025)}"`));
    expect(err.reason).toBe('value is 1025 characters long; the limit is 1024');
  });

  it('counts characters, not UTF-16 units, so 1024 emoji are allowed', () => {
    expect(parseMatcher(`a="${'😀'.repeat(1024)}"`).value).toHaveLength(2048);
  });

  it('refuses a regex over 256 characters', () => {
    expect(syntaxError(() => parseMatcher(`a=~"${'x'.repeat(257)}"`)).reason).toMatch(
      /regex is 257 characters long; the limit is 256/,
    );
  });

  it('refuses more than 100 matchers', () => {
    const text = Array.from({ length: 101 }, (_, i) => `l${i}="v"`).join(',');
    expect(syntaxError(() => parseMatchers(text)).reason).toBe('more than 100 matchers');
  });

  it('refuses megabytes of text before reading it, with a short message', () => {
    const err = syntaxError(() => parseMatchers(`a="${'x'.repeat(2_000_000)}"`));
    expect(err.reason).toMatch(/limit is 65536/);
    expect(err.message.length).toBeLessThan(300);
    expect(err.input.length).toBeLessThan(300);
  });

  it('quotes control characters in the error excerpt so they cannot reach a log raw', () => {
    const err = syntaxError(() => parseMatcher('a\u001b[31m="x"'));
    expect(err.message).not.toContain('\u001b');
    expect(err.message).toContain('\\u001b');
  });
});

describe('the JSON matcher schema', () => {
  it('accepts a well-formed matcher', () => {
    expect(LabelMatcherSchema.parse({ name: 'severity', type: '=~', value: 'page|critical' })).toEqual(
      m('severity', '=~', 'page|critical'),
    );
  });

  it.each<[string, unknown, string, RegExp]>([
    [
      'refuses a name that is not a Prometheus label name',
      { name: 'foo-bar', type: '=', value: 'x' },
      'name',
      /name: label name "foo-bar" is not a Prometheus label name/,
    ],
    ['refuses an unknown operator', { name: 'a', type: '==', value: 'x' }, 'type', /type must be one of/],
    [
      'refuses a regex that does not compile',
      { name: 'a', type: '=~', value: '[a-' },
      'value',
      /value: invalid regular expression: missing closing \]/,
    ],
    [
      'refuses a value that is not a string',
      { name: 'a', type: '=', value: 3 },
      'value',
      /value must be a string/,
    ],
    [
      'refuses a value over 1024 characters',
      { name: 'a', type: '!=', value: 'v'.repeat(1025) },
      'value',
      /limit is 1024/,
    ],
    [
      'refuses unknown keys such as Alertmanager’s isRegex',
      { name: 'a', type: '=', value: 'x', isRegex: false },
      '',
      /Unrecognized key/,
    ],
  ])('%s', (_name, input, path, message) => {
    const r = LabelMatcherSchema.safeParse(input);
    expect(r.success).toBe(false);
    const issue = r.error!.issues[0]!;
    expect(issue.path.join('.')).toBe(path);
    expect(issue.message).toMatch(message);
  });
});

describe('matching labels with Alertmanager semantics', () => {
  const labels: LabelSet = { severity: 'page', env: 'prod-eu', service: 'café', empty: '' };
  it.each<[string, LabelMatcher, LabelSet, boolean]>([
    ['a missing label equals the empty string', m('team', '=', ''), labels, true],
    ['a missing label is not unequal to the empty string', m('team', '!=', ''), labels, false],
    ['a missing label matches .* but not .+', m('team', '=~', '.+'), labels, false],
    ['a present but empty label equals the empty string', m('empty', '=~', ''), labels, true],
    ['regexes are anchored at both ends', m('env', '=~', 'prod'), labels, false],
    ['a regex matching the whole value matches', m('env', '=~', 'prod-.*'), labels, true],
    ['alternatives match whole values only', m('severity', '=~', 'pag|page2'), labels, false],
    ['!~ is the negation of =~', m('env', '!~', 'prod-.*'), labels, false],
    ['!= of a different value matches', m('severity', '!=', 'ticket'), labels, true],
    ['(?i) makes a regex case-insensitive', m('severity', '=~', '(?i)PAGE'), labels, true],
    ['an inline anchor inside the regex changes nothing', m('env', '=~', '^prod-eu$'), labels, true],
    ['. matches one character even outside the BMP', m('x', '=~', '.'), { x: '😀' }, true],
    ['. matches one character with an accent', m('service', '=~', 'caf.'), labels, true],
    ['RE2 Unicode classes work', m('x', '=~', '\\p{Greek}+'), { x: 'αβγ' }, true],
    ['RE2 POSIX classes work', m('x', '=~', '[[:digit:]]{3}'), { x: '503' }, true],
    ['escaped dots are literal', m('ip', '=~', '10\\.0\\..*'), { ip: '10x0.1.2' }, false],
    ['a label named constructor is missing on a plain object', m('constructor', '=', ''), {}, true],
    [
      'a label named __proto__ from JSON is read as a label',
      m('__proto__', '=', 'x'),
      JSON.parse('{"__proto__":"x"}') as LabelSet,
      true,
    ],
  ])('%s', (_name, matcher, set, want) => {
    expect(matches(matcher, set)).toBe(want);
    expect(CompiledMatchers.compile([matcher]).matches(set)).toBe(want);
  });

  it('matchesAll needs every matcher to match, and the empty list matches everything', () => {
    expect(matchesAll([m('severity', '=', 'page'), m('env', '=~', 'prod-.*')], labels)).toBe(true);
    expect(matchesAll([m('severity', '=', 'page'), m('env', '=~', 'staging')], labels)).toBe(false);
    expect(matchesAll([], labels)).toBe(true);
    expect(CompiledMatchers.compile([]).matches(labels)).toBe(true);
  });

  it('CompiledMatchers refuses a bad regex when compiled, not when matching', () => {
    expect(() => CompiledMatchers.compile([m('a', '=~', '(x')])).toThrow(MatcherSyntaxError);
  });

  it('matches in linear time where a backtracking engine takes minutes', () => {
    const started = performance.now();
    expect(matches(m('x', '=~', '.*.*.*.*x'), { x: 'a'.repeat(50_000) })).toBe(false);
    expect(matches(m('x', '=~', '(a+)+b'), { x: 'a'.repeat(50_000) })).toBe(false);
    expect(matches(m('x', '=~', '(a|aa)*c'), { x: 'a'.repeat(50_000) })).toBe(false);
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('agrees with JavaScript regexes on short values for a grammar both share', () => {
    const atom = fc.constantFrom('a', 'b', '.', '[ab]', '[^a]', '\\d', 'x');
    const pattern: fc.Arbitrary<string> = fc.letrec<{ p: string }>((tie) => ({
      p: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        atom,
        fc.tuple(tie('p'), tie('p')).map(([a, b]) => a + b),
        fc.tuple(tie('p'), tie('p')).map(([a, b]) => `(?:${a}|${b})`),
        fc.tuple(tie('p'), fc.constantFrom('*', '+', '?', '{1,2}', '{2}')).map(([a, q]) => `(?:${a})${q}`),
      ),
    })).p;
    fc.assert(
      fc.property(pattern, fc.stringMatching(/^[abx1]{0,8}$/), (p, value) => {
        const ours = compileMatcherRegex(p);
        if (!ours.ok) return false;
        return ours.regex.test(value) === new RegExp(`^(?:${p})$`, 'u').test(value);
      }),
      { numRuns: 500, seed: 42 },
    );
  });
});

describe('formatting matchers', () => {
  it('writes the value quoted and escaped', () => {
    expect(formatMatcher(m('a', '=~', 'x"y\\.z\n'))).toBe('a=~"x\\"y\\\\.z\\n"');
    expect(formatMatchers([m('a', '=', 'b'), m('c', '!~', 'd')])).toBe('{a="b", c!~"d"}');
  });

  it('reads back what it writes for any value', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[a-zA-Z_][a-zA-Z0-9_]{0,10}$/),
        fc.constantFrom<LabelMatcher['type']>('=', '!='),
        fc.string({ unit: 'binary', maxLength: 40 }),
        (name, type, value) => {
          const matcher = m(name, type, value);
          expect(parseMatcher(formatMatcher(matcher))).toEqual(matcher);
          expect(parseMatchers(formatMatchers([matcher, matcher]))).toEqual([matcher, matcher]);
        },
      ),
      { numRuns: 150, seed: 7 },
    );
  });
});
