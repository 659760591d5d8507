const NBSP = '\u00a0';
const formatters = new Map<number, Intl.NumberFormat>();

function formatNumber(value: number, decimals: number): string {
  let formatter = formatters.get(decimals);
  if (!formatter) {
    formatter = new Intl.NumberFormat('en-US', { minimumFractionDigits: 0, maximumFractionDigits: decimals });
    formatters.set(decimals, formatter);
  }
  return formatter.format(value);
}

/**
 * formatPercent writes a 0..100 percentage with up to `decimals` decimals, e.g. "99.95 %". It adds decimals
 * rather than let rounding claim 100 %, 0 % or reaching `threshold` when the value does not, because an
 * executive reads "99.9 %" next to a 99.9 % objective as met.
 */
export function formatPercent(value: number, decimals = 1, threshold = 100): string {
  for (let d = decimals; ; d++) {
    const text = formatNumber(value, d);
    const shown = Number(text.replace(/,/g, ''));
    const misleading =
      (value < threshold && shown >= threshold) || (value < 100 && shown >= 100) || (value > 0 && shown <= 0);
    if (!misleading || d >= 6) return `${text}${NBSP}%`;
  }
}
