/** ScheduleRangeError refuses a schedule query whose range is empty, too long, or yields too many shifts. */
export class ScheduleRangeError extends RangeError {
  override readonly name = 'ScheduleRangeError';
}
