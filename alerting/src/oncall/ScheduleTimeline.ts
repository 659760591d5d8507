import { ZonedClock } from '../silence/time/ZonedClock';
import { LayerRotation } from './LayerRotation';
import type { ShiftSource } from './OnCallShift';
import type { ScheduleSpec } from './ScheduleSpec';

/** Segment is one stretch of the final schedule, in epoch milliseconds. */
export interface Segment {
  user: string;
  start: number;
  end: number;
  source: ShiftSource;
  layer?: string;
  /** key tells shifts apart: the override's index, or the layer and the shift's number in it. */
  key: string;
}

interface Override {
  user: string;
  start: number;
  end: number;
}

/**
 * ScheduleTimeline renders the final schedule the way PagerDuty does: an override outranks every layer
 * (and a later override an earlier one), a later layer that has someone on call outranks earlier layers,
 * and a layer has nobody before its first handoff.
 */
export class ScheduleTimeline {
  private readonly rotations: LayerRotation[];
  private readonly overrides: Override[];

  constructor(spec: ScheduleSpec) {
    const clock = ZonedClock.of(spec.timeZone);
    this.rotations = spec.layers.map((l, i) => new LayerRotation(l, i, clock));
    this.overrides = spec.overrides.map((o) => ({
      user: o.user,
      start: Date.parse(o.start),
      end: Date.parse(o.end),
    }));
  }

  /** winnerAt is the unclipped shift or override that decides who is on call at an instant. */
  winnerAt(ms: number): Segment | null {
    for (let i = this.overrides.length - 1; i >= 0; i--) {
      const o = this.overrides[i]!;
      if (o.start <= ms && ms < o.end) return { ...o, source: 'override', key: `o${i}` };
    }
    for (let i = this.rotations.length - 1; i >= 0; i--) {
      const r = this.rotations[i]!;
      const s = r.shiftAt(ms);
      if (s)
        return {
          user: s.user,
          start: s.start,
          end: s.end,
          source: 'layer',
          layer: r.layer.name,
          key: `l${i}:${s.k}`,
        };
    }
    return null;
  }

  /**
   * segmentAt is the stretch of the final schedule holding an instant: the winner's shift, cut where
   * something that outranks it ended before or starts after the instant.
   */
  segmentAt(ms: number): Segment | null {
    const w = this.winnerAt(ms);
    if (!w) return null;
    let { start, end } = w;
    const outranking =
      w.source === 'override' ? this.overrides.slice(Number(w.key.slice(1)) + 1) : this.overrides;
    for (const o of outranking) {
      if (o.end > start && o.end <= ms) start = o.end;
      if (o.start > ms && o.start < end) end = o.start;
    }
    if (w.source === 'layer') {
      const layerIndex = Number(w.key.slice(1, w.key.indexOf(':')));
      for (const r of this.rotations.slice(layerIndex + 1)) {
        const first = r.handoffAt(0);
        if (first > ms && first < end) end = first;
      }
    }
    return { ...w, start, end };
  }

  /** segments is the final schedule between from and to, each stretch clipped to that range. */
  segments(from: number, to: number, limit: number): Segment[] | null {
    const cuts = new Set<number>([from]);
    for (const o of this.overrides) {
      if (o.start > from && o.start < to) cuts.add(o.start);
      if (o.end > from && o.end < to) cuts.add(o.end);
    }
    for (const r of this.rotations) for (const h of r.handoffsIn(from, to)) cuts.add(h);
    const sorted = [...cuts].sort((a, b) => a - b);
    const out: Segment[] = [];
    sorted.forEach((cut, i) => {
      const end = sorted[i + 1] ?? to;
      const w = this.winnerAt(cut);
      if (!w) return;
      const last = out[out.length - 1];
      if (last && last.key === w.key && last.end === cut) last.end = end;
      else out.push({ ...w, start: cut, end });
    });
    return out.length > limit ? null : out;
  }
}
