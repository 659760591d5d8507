import { isWordChar } from './charTests';
import type { AssertKind, CodePointTest, RegexNode } from './RegexNode';
import { RegexSyntaxProblem } from './RegexSyntaxProblem';
import { RecentMap } from '@sightline/telemetry';

type State =
  | { k: 'char'; test: CodePointTest; out: number }
  | { k: 'split'; out: number; out2: number }
  | { k: 'assert'; a: AssertKind; out: number }
  | { k: 'match' };

const MAX_STATES = 20_000;
const RESULT_CACHE_SIZE = 256;

/**
 * MatcherRegex tests whether a regex matches a whole value, in time linear in the value's length: the
 * regex is compiled to a Thompson NFA and simulated one code point at a time, as RE2 does, so no value can
 * make it backtrack. Alternatives of plain literals (`page|critical`) are a set lookup.
 */
export class MatcherRegex {
  private constructor(
    readonly source: string,
    private readonly states: readonly State[],
    private readonly start: number,
    private readonly literals: ReadonlySet<string> | null,
  ) {}

  // Alerts repeat the same few label values, so remembering recent answers skips most simulations.
  private readonly recent = new RecentMap<string, boolean>(RESULT_CACHE_SIZE);

  /** fromNode compiles a parsed regex, refusing one whose counted repeats expand past 20 000 states. */
  static fromNode(source: string, node: RegexNode): MatcherRegex {
    const literals = literalSet(node);
    const states: State[] = [{ k: 'match' }];
    const start = compile(node, 0, states);
    return new MatcherRegex(source, states, start, literals);
  }

  /** test says whether the regex matches the whole value. */
  test(value: string): boolean {
    if (this.literals) return this.literals.has(value);
    const known = this.recent.get(value);
    if (known !== undefined) return known;
    const result = this.simulate(value);
    if (value.length > 1024) return result;
    this.recent.set(value, result);
    return result;
  }

  private simulate(value: string): boolean {
    const { states } = this;
    const cps = Array.from(value, (c) => c.codePointAt(0)!);
    const mark = new Int32Array(states.length).fill(-1);
    let current: number[] = [];
    let next: number[] = [];
    this.add(current, this.start, mark, 0, cps);
    for (let pos = 0; pos < cps.length; pos++) {
      if (current.length === 0) return false;
      const cp = cps[pos]!;
      for (const s of current) {
        const st = states[s]!;
        if (st.k === 'char' && st.test(cp)) this.add(next, st.out, mark, pos + 1, cps);
      }
      [current, next] = [next, current];
      next.length = 0;
    }
    return current.some((s) => states[s]!.k === 'match');
  }

  /** add puts a state and everything reachable from it without reading a character on the list. */
  private add(list: number[], from: number, mark: Int32Array, pos: number, cps: readonly number[]): void {
    const stack = [from];
    while (stack.length > 0) {
      const s = stack.pop()!;
      if (mark[s] === pos) continue;
      mark[s] = pos;
      const st = this.states[s]!;
      if (st.k === 'split') stack.push(st.out2, st.out);
      else if (st.k === 'assert') {
        if (holds(st.a, pos, cps)) stack.push(st.out);
      } else list.push(s);
    }
  }
}

function holds(a: AssertKind, pos: number, cps: readonly number[]): boolean {
  switch (a) {
    case 'start':
      return pos === 0;
    case 'end':
      return pos === cps.length;
    case 'wordBoundary':
    case 'notWordBoundary': {
      const before = pos > 0 && isWordChar(cps[pos - 1]!);
      const after = pos < cps.length && isWordChar(cps[pos]!);
      return (before !== after) === (a === 'wordBoundary');
    }
  }
}

/** compile emits the states for node, continuing at next, and returns its entry state. */
function compile(node: RegexNode, next: number, states: State[]): number {
  const push = (s: State): number => {
    if (states.length >= MAX_STATES) {
      throw new RegexSyntaxProblem('regex is too large once its repeat counts are expanded', 0);
    }
    states.push(s);
    return states.length - 1;
  };
  switch (node.t) {
    case 'empty':
      return next;
    case 'char':
      return push({ k: 'char', test: node.test, out: next });
    case 'assert':
      return push({ k: 'assert', a: node.kind, out: next });
    case 'cat':
      return node.items.reduceRight((n, item) => compile(item, n, states), next);
    case 'alt': {
      const entries = node.items.map((item) => compile(item, next, states));
      return entries.reduceRight((rest, entry) => push({ k: 'split', out: entry, out2: rest }));
    }
    case 'repeat': {
      let n = next;
      if (node.max === Infinity) {
        const loop = push({ k: 'split', out: -1, out2: next });
        (states[loop] as { out: number }).out = compile(node.node, loop, states);
        n = loop;
      } else {
        for (let k = 0; k < node.max - node.min; k++) {
          n = push({ k: 'split', out: compile(node.node, n, states), out2: next });
        }
      }
      for (let k = 0; k < node.min; k++) n = compile(node.node, n, states);
      return n;
    }
  }
}

/** literalSet is the set of strings a regex made only of literal alternatives matches, else null. */
function literalSet(node: RegexNode): Set<string> | null {
  const branches = node.t === 'alt' ? node.items : [node];
  const out = new Set<string>();
  for (const b of branches) {
    const items = b.t === 'cat' ? b.items : b.t === 'empty' ? [] : [b];
    let s = '';
    for (const item of items) {
      if (item.t !== 'char' || item.literal === undefined) return null;
      s += String.fromCodePoint(item.literal);
    }
    out.add(s);
  }
  return out;
}
