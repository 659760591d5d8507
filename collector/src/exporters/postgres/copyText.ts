/** CopyValue is a value that copyText can render as one field of COPY's text format. */
export type CopyValue = string | number | boolean | null | readonly number[];

const NEEDS_ESCAPE = /[\\\n\r\t]/;
const ESCAPABLE = /[\\\n\r\t]/g;
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/**
 * copyText renders one row in COPY's text format: tab-separated, `\N` for NULL, backslash escapes for
 * backslash, newline, carriage return and tab, arrays as Postgres array literals.
 */
export function copyText(values: readonly CopyValue[]): string {
  return `${values.map(copyField).join('\t')}\n`;
}

/** copyField renders one value as a field of COPY's text format. */
export function copyField(value: CopyValue): string {
  if (value === null) return '\\N';
  if (typeof value === 'boolean') return value ? 't' : 'f';
  if (typeof value === 'number') return copyNumber(value);
  if (typeof value === 'string') return copyString(value);
  return `{${value.map((n) => String(n)).join(',')}}`;
}

/** copyNumber renders a number field (NaN for what is not finite). */
export function copyNumber(value: number): string {
  return Number.isFinite(value) ? String(value) : 'NaN';
}

/** copyString escapes a text field; most fields have nothing to escape and come back as they are. */
export function copyString(text: string): string {
  return NEEDS_ESCAPE.test(text) ? text.replace(ESCAPABLE, (c) => ESCAPES[c]!) : text;
}

/**
 * copyJson renders a value as a json/jsonb field. JSON.stringify escapes every control character, so a backslash
 * is the only character left for COPY to escape.
 */
export function copyJson(value: unknown): string {
  const json = JSON.stringify(value);
  return json.includes('\\') ? json.replaceAll('\\', '\\\\') : json;
}
