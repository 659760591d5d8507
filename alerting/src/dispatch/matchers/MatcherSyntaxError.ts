const EXCERPT_RADIUS = 30;

/**
 * MatcherSyntaxError says why matcher text (or a matcher's regex) is invalid and where: `offset` is the
 * 0-based index into `input` (UTF-16 code units) and the message shows the 1-based column and an excerpt.
 */
export class MatcherSyntaxError extends Error {
  override readonly name = 'MatcherSyntaxError';
  /** reason is the problem alone, without position or excerpt. */
  readonly reason: string;
  readonly offset: number;
  /** input is the text that was parsed, cut to at most 200 characters so a hostile input stays small. */
  readonly input: string;

  constructor(reason: string, input: string, offset: number, options?: ErrorOptions) {
    const at = Math.max(0, Math.min(offset, input.length));
    super(`${reason} at column ${at + 1}: ${excerpt(input, at)}`, options);
    this.reason = reason;
    this.offset = at;
    this.input = input.length > 200 ? `${input.slice(0, 200)}…` : input;
  }
}

/** excerpt shows the text around the offset, JSON-quoted so control characters cannot reach a log raw. */
function excerpt(input: string, at: number): string {
  const from = Math.max(0, at - EXCERPT_RADIUS);
  const to = Math.min(input.length, at + EXCERPT_RADIUS);
  const head = from > 0 ? '…' : '';
  const tail = to < input.length ? '…' : '';
  return `${head}${JSON.stringify(input.slice(from, to))}${tail}`;
}
