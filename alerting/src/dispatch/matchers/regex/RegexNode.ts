/** CodePointTest says whether one Unicode code point belongs to a character set. */
export type CodePointTest = (cp: number) => boolean;

/** AssertKind is a zero-width test: start or end of the value, or an ASCII word boundary. */
export type AssertKind = 'start' | 'end' | 'wordBoundary' | 'notWordBoundary';

/**
 * RegexNode is the parsed form of an RE2 regex. Every character, class and `.` becomes a `char` node with
 * a code point test; `literal` is set for a case-sensitive single character, so literal alternatives such
 * as `page|critical` can be matched with a set lookup.
 */
export type RegexNode =
  | { t: 'empty' }
  | { t: 'char'; test: CodePointTest; literal?: number }
  | { t: 'assert'; kind: AssertKind }
  | { t: 'cat'; items: RegexNode[] }
  | { t: 'alt'; items: RegexNode[] }
  | { t: 'repeat'; node: RegexNode; min: number; max: number };
