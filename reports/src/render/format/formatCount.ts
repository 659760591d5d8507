const counts = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** formatCount writes a whole number with thousands separators, e.g. "1,204,330". */
export function formatCount(value: number): string {
  return counts.format(value);
}
