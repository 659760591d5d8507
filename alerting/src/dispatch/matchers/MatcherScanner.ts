import { checkMatcherFields } from './checkMatcherFields';
import type { LabelMatcher, MatchType } from './LabelMatcher';
import { MATCHER_LIMITS } from './matcherLimits';
import { MatcherSyntaxError } from './MatcherSyntaxError';

const NAME_CHAR = /[a-zA-Z0-9_]/;
const UNQUOTED_STOP = /[\s,{}"']/u;

/**
 * MatcherScanner reads Alertmanager's matcher text, `name="value"`, one token at a time. Quoted values
 * unescape `\"`, `\\` and `\n` and keep any other backslash as written, as Alertmanager's classic parser
 * does, so `=~"a\.b"` and `=~"a\\.b"` are the same regex. Unquoted values run to a space, comma or brace.
 */
export class MatcherScanner {
  pos = 0;

  constructor(readonly input: string) {
    if (input.length > MATCHER_LIMITS.maxTextLength) {
      throw new MatcherSyntaxError(
        `matcher text is ${input.length} characters long; the limit is ${MATCHER_LIMITS.maxTextLength}`,
        input,
        MATCHER_LIMITS.maxTextLength,
      );
    }
  }

  /** peek is the character at the cursor, or undefined at the end. */
  peek(): string | undefined {
    return this.input[this.pos];
  }

  /** atEnd says whether only the end of input is left. */
  atEnd(): boolean {
    return this.pos >= this.input.length;
  }

  /** skipSpace moves past white space. */
  skipSpace(): void {
    while (this.pos < this.input.length && /\s/u.test(this.input[this.pos]!)) this.pos += 1;
  }

  /** fail builds the error for a problem at the cursor or at the given offset. */
  fail(reason: string, offset = this.pos): MatcherSyntaxError {
    return new MatcherSyntaxError(reason, this.input, offset);
  }

  /** found describes the character at the cursor for an error message. */
  found(): string {
    const c = this.peek();
    return c === undefined ? 'end of input' : JSON.stringify(c);
  }

  /** readMatcher reads one `name op value` starting at the cursor. */
  readMatcher(): LabelMatcher {
    this.skipSpace();
    const nameStart = this.pos;
    const name = this.readName();
    this.skipSpace();
    const type = this.readOperator(name);
    this.skipSpace();
    const valueStart = this.pos;
    const { value, sources } = this.readValue(type);
    const m: LabelMatcher = { name, type, value };
    const p = checkMatcherFields(m);
    if (p) throw this.fail(p.message, p.field === 'name' ? nameStart : (sources[p.offset] ?? valueStart));
    return m;
  }

  private readName(): string {
    const c = this.peek();
    if (c === '"') {
      throw this.fail('quoted label names are not supported; write a Prometheus label name such as severity');
    }
    if (c !== undefined && /[0-9]/.test(c)) throw this.fail('a label name cannot start with a digit');
    const start = this.pos;
    while (this.pos < this.input.length && NAME_CHAR.test(this.input[this.pos]!)) this.pos += 1;
    if (this.pos === start) throw this.fail(`expected a label name, found ${this.found()}`);
    return this.input.slice(start, this.pos);
  }

  private readOperator(name: string): MatchType {
    const rest = this.input.slice(this.pos, this.pos + 2);
    if (rest === '==') throw this.fail("'==' is not an operator; write '='");
    for (const op of ['=~', '!~', '!=', '='] as const) {
      if (rest.startsWith(op)) {
        this.pos += op.length;
        return op;
      }
    }
    throw this.fail(
      `expected '=', '!=', '=~' or '!~' after label name ${JSON.stringify(name)}, found ${this.found()}`,
    );
  }

  /** readValue returns the value and, for each of its UTF-16 units, its offset in the input. */
  private readValue(type: MatchType): { value: string; sources: number[] } {
    const c = this.peek();
    if (c === '"') return this.readQuoted();
    if (c === "'" || c === '`') throw this.fail(`values are quoted with " not ${c}`);
    if (c === undefined || c === ',' || c === '}' || c === '{') {
      throw this.fail(`expected a value after ${type}, such as "x", found ${this.found()}`);
    }
    const start = this.pos;
    while (this.pos < this.input.length && !UNQUOTED_STOP.test(this.input[this.pos]!)) this.pos += 1;
    const value = this.input.slice(start, this.pos);
    return { value, sources: Array.from({ length: value.length }, (_, i) => start + i) };
  }

  private readQuoted(): { value: string; sources: number[] } {
    const open = this.pos;
    this.pos += 1;
    let value = '';
    const sources: number[] = [];
    for (;;) {
      const at = this.pos;
      const c = this.input[at];
      if (c === undefined) throw this.fail('unterminated quoted value (missing closing ")', open);
      this.pos += 1;
      if (c === '"') return { value, sources };
      if (c !== '\\') {
        value += c;
        sources.push(at);
        continue;
      }
      const d = this.input[this.pos];
      if (d === undefined) throw this.fail('unterminated quoted value (missing closing ")', open);
      this.pos += 1;
      const text = d === 'n' ? '\n' : d === '"' || d === '\\' ? d : `\\${d}`;
      value += text;
      for (let i = 0; i < text.length; i++) sources.push(at + i);
    }
  }
}
