import { compileMatcherRegex } from './compileMatcherRegex';
import type { LabelMatcher, LabelSet } from './LabelMatcher';
import { labelValue } from './labelValue';
import { MatcherSyntaxError } from './MatcherSyntaxError';

type Test = (value: string) => boolean;

/**
 * CompiledMatchers is a list of matchers with their regexes compiled once, for checking many alerts
 * against one route or silence. It matches exactly as matchesAll does.
 */
export class CompiledMatchers {
  private constructor(
    readonly matchers: readonly LabelMatcher[],
    private readonly tests: ReadonlyArray<readonly [string, Test]>,
  ) {}

  /** compile checks every regex now and throws MatcherSyntaxError for the first that is refused. */
  static compile(matchers: readonly LabelMatcher[]): CompiledMatchers {
    const tests = matchers.map((m): readonly [string, Test] => [m.name, testFor(m)]);
    return new CompiledMatchers([...matchers], tests);
  }

  /** matches says whether the labels satisfy every matcher. */
  matches(labels: LabelSet): boolean {
    for (const [name, test] of this.tests) if (!test(labelValue(labels, name))) return false;
    return true;
  }
}

function testFor(m: LabelMatcher): Test {
  const expected = m.value;
  switch (m.type) {
    case '=':
      return (v) => v === expected;
    case '!=':
      return (v) => v !== expected;
    case '=~':
    case '!~': {
      const r = compileMatcherRegex(m.value);
      if (!r.ok) throw new MatcherSyntaxError(`matcher ${m.name}${m.type}: ${r.reason}`, m.value, r.offset);
      const re = r.regex;
      return m.type === '=~' ? (v) => re.test(v) : (v) => !re.test(v);
    }
  }
}
