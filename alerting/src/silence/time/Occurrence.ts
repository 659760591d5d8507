/** Occurrence is one time a window is in force: from start (inclusive) to end (exclusive). */
export interface Occurrence {
  start: Date;
  end: Date;
}
