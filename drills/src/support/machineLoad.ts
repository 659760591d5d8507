import { cpus, loadavg } from 'node:os';

/** machineLoad describes the machine a drill ran on, for the notes: cores and load averages (1, 5, 15 min) now. */
export function machineLoad(): string {
  const [one, five, fifteen] = loadavg().map((l) => l.toFixed(1));
  return `${cpus().length} cores, load average ${one} / ${five} / ${fifteen} (1 / 5 / 15 min) at the end of the run`;
}
