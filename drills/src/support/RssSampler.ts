import { readFileSync } from 'node:fs';

/** RssSample is one reading of a process's resident set size. */
export interface RssSample {
  name: string;
  at: number;
  bytes: number;
}

/** readRssBytes reads VmRSS from /proc/<pid>/status, or undefined when the process is gone. */
export function readRssBytes(pid: number): number | undefined {
  try {
    const m = /^VmRSS:\s+(\d+)\s+kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** median is the middle value of a list (NaN for an empty one). */
export function median(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * RssSampler reads the resident set size of named processes at a fixed interval from /proc (the kernel's own figure,
 * what an OOM killer or a container limit sees), so a drill can tell a plateau from a leak.
 */
export class RssSampler {
  readonly samples: RssSample[] = [];
  private readonly timer: NodeJS.Timeout;

  private constructor(
    private readonly targets: Record<string, () => number | undefined>,
    readonly intervalMs: number,
  ) {
    this.sample();
    this.timer = setInterval(() => this.sample(), intervalMs);
  }

  /** start samples at once and then every intervalMs; each target gives the pid to read (it may change). */
  static start(targets: Record<string, () => number | undefined>, intervalMs: number): RssSampler {
    return new RssSampler(targets, intervalMs);
  }

  /** stop ends sampling. */
  stop(): void {
    clearInterval(this.timer);
  }

  /** names lists the sampled processes. */
  get names(): string[] {
    return Object.keys(this.targets);
  }

  /** values lists one process's readings taken in [fromMs, toMs). */
  values(name: string, fromMs = 0, toMs = Infinity): number[] {
    return this.samples.filter((s) => s.name === name && s.at >= fromMs && s.at < toMs).map((s) => s.bytes);
  }

  /**
   * troughs lists one process's lowest reading in each sliceMs of [fromMs, toMs): the memory it holds right after
   * collecting its garbage. A leak lifts the troughs; garbage awaiting collection only lifts the peaks.
   */
  troughs(name: string, fromMs: number, toMs: number, sliceMs: number): number[] {
    const out: number[] = [];
    for (let t = fromMs; t < toMs; t += sliceMs) {
      const v = this.values(name, t, Math.min(toMs, t + sliceMs));
      if (v.length > 0) out.push(Math.min(...v));
    }
    return out;
  }

  /** max is one process's highest reading in [fromMs, toMs). */
  max(name: string, fromMs = 0, toMs = Infinity): number {
    const v = this.values(name, fromMs, toMs);
    return v.length === 0 ? NaN : Math.max(...v);
  }

  private sample(): void {
    const at = Date.now();
    for (const [name, pid] of Object.entries(this.targets)) {
      const p = pid();
      const bytes = p === undefined ? undefined : readRssBytes(p);
      if (bytes !== undefined) this.samples.push({ name, at, bytes });
    }
  }
}
