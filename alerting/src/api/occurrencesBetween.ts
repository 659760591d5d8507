import { CompiledTimeWindow } from '../silence/time/CompiledTimeWindow';
import type { Occurrence } from '../silence/time/Occurrence';
import type { TimeWindow } from '../silence/time/TimeWindow';

/**
 * occurrencesBetween lists the occurrences of a window that overlap [from, to), each clipped to it, by start, and
 * stops after `max`. The occurrences themselves come from CompiledTimeWindow, so DST and `until` follow its rules.
 */
export function occurrencesBetween(window: TimeWindow, from: Date, to: Date, max: number): Occurrence[] {
  const fromMs = from.getTime();
  const toMs = to.getTime();
  const clip = (o: Occurrence): Occurrence => ({
    start: new Date(Math.max(o.start.getTime(), fromMs)),
    end: new Date(Math.min(o.end.getTime(), toMs)),
  });
  if (window.kind === 'once') {
    const o = { start: new Date(Date.parse(window.startsAt)), end: new Date(Date.parse(window.endsAt)) };
    return o.start.getTime() < toMs && o.end.getTime() > fromMs ? [clip(o)] : [];
  }
  const compiled = CompiledTimeWindow.compile(window);
  // An occurrence that is still in force at `from` started less than one duration before it.
  let cursor = fromMs - window.durationMinutes * 60_000 - 1;
  const out: Occurrence[] = [];
  while (out.length < max) {
    const o = compiled.next(cursor);
    if (!o || o.start.getTime() >= toMs) break;
    if (o.end.getTime() > fromMs) out.push(clip(o));
    cursor = o.start.getTime();
  }
  return out;
}
