/** formatNumber prints a float without binary noise (1 - 0.999 → 0.001). */
export function formatNumber(n: number): string {
  return String(Number(n.toPrecision(10)));
}
