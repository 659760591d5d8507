/** DrillFigure is one measured figure, with the bound it must meet when it has one. */
export interface DrillFigure {
  name: string;
  value: string;
  /** bound says what the figure must be (`= 0`, `0.9–1.1`), empty for figures that are only recorded. */
  bound: string;
  ok: boolean;
}

/**
 * DrillReport collects a drill's figures as it measures them: each checked figure that misses its bound becomes a
 * failure, and the raw numbers stay available to tests by name.
 */
export class DrillReport {
  readonly figures: DrillFigure[] = [];
  readonly notes: string[] = [];
  readonly values: Record<string, number> = {};
  readonly startedAt = new Date();
  finishedAt: Date | undefined;

  constructor(
    readonly drill: string,
    readonly short: boolean,
  ) {}

  /** failures lists every checked figure outside its bound. */
  get failures(): string[] {
    return this.figures.filter((f) => !f.ok).map((f) => `${f.name}: ${f.value} (expected ${f.bound})`);
  }

  /** record keeps a figure without a bound. */
  record(key: string, name: string, value: number, format: (v: number) => string = String): void {
    this.values[key] = value;
    this.figures.push({ name, value: format(value), bound: '', ok: true });
  }

  /** check keeps a figure that must lie within [min, max]. */
  check(
    key: string,
    name: string,
    value: number,
    range: { min?: number; max?: number },
    format: (v: number) => string = String,
  ): void {
    this.values[key] = value;
    const ok =
      Number.isFinite(value) &&
      (range.min === undefined || value >= range.min) &&
      (range.max === undefined || value <= range.max);
    this.figures.push({ name, value: format(value), bound: describeRange(range, format), ok });
  }

  /** note adds a sentence that explains the figures (set-up, what a figure excludes). */
  note(text: string): void {
    this.notes.push(text);
  }
}

function describeRange(range: { min?: number; max?: number }, format: (v: number) => string): string {
  if (range.min !== undefined && range.max !== undefined) {
    return range.min === range.max ? `= ${format(range.min)}` : `${format(range.min)}–${format(range.max)}`;
  }
  if (range.max !== undefined) return `≤ ${format(range.max)}`;
  if (range.min !== undefined) return `≥ ${format(range.min)}`;
  return '';
}
