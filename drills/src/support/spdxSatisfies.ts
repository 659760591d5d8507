/** SpdxVerdict says whether a licence expression is acceptable, and which licence ids it names. */
export type SpdxVerdict = { ok: true; ids: string[] } | { ok: false; ids: string[]; reason: string };

type Node = { op: 'OR' | 'AND'; left: Node; right: Node } | { id: string };

/**
 * spdxSatisfies evaluates an SPDX licence expression against a set of allowed licence ids: `A OR B` passes when
 * either does (the licensee chooses), `A AND B` only when both do, `X WITH exception` only when the whole `X WITH
 * exception` is allowed, and `X+` (or later) when X is. Anything that does not parse fails with the reason.
 */
export function spdxSatisfies(expression: string, allowed: ReadonlySet<string>): SpdxVerdict {
  let tokens: string[];
  let tree: Node;
  try {
    tokens = tokenize(expression);
    const parser = new Parser(tokens);
    tree = parser.expression();
    parser.end();
  } catch (err) {
    return { ok: false, ids: [], reason: `not an SPDX expression (${(err as Error).message})` };
  }
  const ids: string[] = [];
  const walk = (n: Node): boolean => {
    if ('id' in n) {
      ids.push(n.id);
      return allowed.has(n.id) || (n.id.endsWith('+') && allowed.has(n.id.slice(0, -1)));
    }
    const l = walk(n.left);
    const r = walk(n.right);
    return n.op === 'OR' ? l || r : l && r;
  };
  return walk(tree) ? { ok: true, ids } : { ok: false, ids, reason: 'no allowed licence satisfies it' };
}

function tokenize(text: string): string[] {
  const tokens = text.match(/\(|\)|[^\s()]+/g) ?? [];
  if (tokens.length === 0) throw new Error('empty');
  return tokens;
}

class Parser {
  private at = 0;
  constructor(private readonly tokens: string[]) {}

  expression(): Node {
    let left = this.conjunction();
    while (this.peek()?.toUpperCase() === 'OR') {
      this.at++;
      left = { op: 'OR', left, right: this.conjunction() };
    }
    return left;
  }

  end(): void {
    if (this.at !== this.tokens.length) throw new Error(`unexpected "${this.tokens[this.at]}"`);
  }

  private conjunction(): Node {
    let left = this.atom();
    while (this.peek()?.toUpperCase() === 'AND') {
      this.at++;
      left = { op: 'AND', left, right: this.atom() };
    }
    return left;
  }

  private atom(): Node {
    const t = this.tokens[this.at++];
    if (t === undefined) throw new Error('ends too early');
    if (t === '(') {
      const inner = this.expression();
      if (this.tokens[this.at++] !== ')') throw new Error('missing ")"');
      return inner;
    }
    if (t === ')' || ['AND', 'OR', 'WITH'].includes(t.toUpperCase())) throw new Error(`unexpected "${t}"`);
    if (this.peek()?.toUpperCase() === 'WITH') {
      this.at++;
      const exception = this.tokens[this.at++];
      if (exception === undefined || exception === '(' || exception === ')')
        throw new Error('WITH needs an exception');
      return { id: `${t} WITH ${exception}` };
    }
    return { id: t };
  }

  private peek(): string | undefined {
    return this.tokens[this.at];
  }
}
