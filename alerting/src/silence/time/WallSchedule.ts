/** WallSchedule is a recurrence expanded in wall-clock time (floating milliseconds), before any time zone. */
export interface WallSchedule {
  /** between is the starts in [fromWall, toWall], ascending. */
  between(fromWall: number, toWall: number): number[];
  /** firstFrom is the first start at or after fromWall, or null if there is none. */
  firstFrom(fromWall: number): number | null;
}
