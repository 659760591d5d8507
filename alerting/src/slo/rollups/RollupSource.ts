import type { RollupWindows } from './RollupWindows';

/** RollupWindowsResult is what a RollupSource returns: the sums, or why there are none this time. */
export type RollupWindowsResult =
  | { kind: 'success'; rollups: RollupWindows }
  | { kind: 'failure'; reason: 'unavailable' | 'bad_response'; detail: string };

/** RollupSource gives one tenant's rollup sums over several windows; it never throws across this interface. */
export interface RollupSource {
  windows(tenant: string, windows: readonly string[]): Promise<RollupWindowsResult>;
}
