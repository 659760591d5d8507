/**
 * LimitCheck is every limit that applies to one request, as parallel arrays (one entry per window):
 * keys are store keys without the store's prefix, and all keys of one check share one hash tag.
 */
export interface LimitCheck {
  readonly keys: readonly string[];
  readonly limits: readonly number[];
  readonly windowsMs: readonly number[];
}
