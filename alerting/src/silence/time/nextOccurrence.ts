import { CompiledTimeWindow } from './CompiledTimeWindow';
import type { Occurrence } from './Occurrence';
import type { TimeWindow } from './TimeWindow';

/**
 * nextOccurrence is the first occurrence of a window that starts strictly after `after`, or null when
 * there is none (or none within a bounded search). The window must have passed TimeWindowSchema.
 */
export function nextOccurrence(window: TimeWindow, after: Date): Occurrence | null {
  return CompiledTimeWindow.compile(window).next(after.getTime());
}
