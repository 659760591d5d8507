/** svgCoordinate writes an SVG coordinate with at most one decimal, so markup stays short and stable. */
export function svgCoordinate(n: number): string {
  return String(Math.round(n * 10) / 10);
}
