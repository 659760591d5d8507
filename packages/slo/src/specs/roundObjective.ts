/** roundObjective drops the float noise of percent → fraction (99.9 / 100 = 0.9990000000000001). */
export function roundObjective(fraction: number): number {
  return Number(fraction.toPrecision(12));
}
