import type { DrillReport } from './DrillReport';

/** DrillOptions says how long a drill runs and where its progress goes. */
export interface DrillOptions {
  /** short runs the version that fits in npm test. */
  short: boolean;
  log: (line: string) => void;
}

/** Drill is one repeatable fault or load exercise that measures the platform and reports figures with bounds. */
export interface Drill {
  name: string;
  title: string;
  /** issueItem names the item of issue 10 the drill answers. */
  issueItem: string;
  run(options: DrillOptions): Promise<DrillReport>;
}
