import { CompiledTimeWindow } from './CompiledTimeWindow';
import type { Occurrence } from './Occurrence';
import type { TimeWindow } from './TimeWindow';

/**
 * activeOccurrence is the occurrence of a window that covers `at` (start ≤ at < end), or null; for a
 * `once` window it is the range itself. When occurrences overlap it is the one that started last. The
 * window must have passed TimeWindowSchema; see CompiledTimeWindow for the DST rules.
 */
export function activeOccurrence(window: TimeWindow, at: Date): Occurrence | null {
  return CompiledTimeWindow.compile(window).active(at.getTime());
}
