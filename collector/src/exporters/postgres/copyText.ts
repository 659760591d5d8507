/** CopyValue is a value that copyText can render as one field of COPY's text format. */
export type CopyValue = string | number | boolean | null | readonly number[];

/**
 * copyText renders one row in COPY's text format: tab-separated, `\N` for NULL, backslash escapes for
 * backslash, newline, carriage return and tab, arrays as Postgres array literals.
 */
export function copyText(values: readonly CopyValue[]): string {
  return `${values.map(field).join('\t')}\n`;
}

function field(value: CopyValue): string {
  if (value === null) return '\\N';
  if (typeof value === 'boolean') return value ? 't' : 'f';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : 'NaN';
  if (typeof value === 'string') return escape(value);
  return `{${value.map((n) => String(n)).join(',')}}`;
}

function escape(text: string): string {
  return text.replace(/[\\\n\r\t]/g, (c) => ESCAPES[c]!);
}

const ESCAPES: Record<string, string> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' };
