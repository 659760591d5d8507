import { CompiledTimeWindow } from './CompiledTimeWindow';
import type { TimeWindow } from './TimeWindow';

/**
 * isExpired says whether no occurrence of the window will ever cover `at` or any later time, so a
 * silence or maintenance window built on it can be archived. The window must have passed TimeWindowSchema.
 */
export function isExpired(window: TimeWindow, at: Date): boolean {
  return CompiledTimeWindow.compile(window).expired(at.getTime());
}
