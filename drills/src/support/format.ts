/** ratio formats a ratio with two decimals. */
export const ratio = (v: number): string => v.toFixed(2);

/** ms formats a duration in whole milliseconds. */
export const ms = (v: number): string => `${Math.round(v)} ms`;

/** perSecond formats a rate in requests per second. */
export const perSecond = (v: number): string => `${v.toFixed(1)}/s`;

/** count formats a whole number with thousands separators. */
export const count = (v: number): string => Math.round(v).toLocaleString('en-US');
