// Severity labels are free text; these are the ones Sightline's rules and common Prometheus rules use.
const RANK: Record<string, number> = {
  critical: 0,
  page: 0,
  error: 1,
  high: 1,
  warning: 2,
  ticket: 2,
  medium: 2,
  info: 3,
  low: 3,
};

/** UNKNOWN_SEVERITY_RANK is the rank of a missing or unrecognised severity: after every known one. */
export const UNKNOWN_SEVERITY_RANK = 4;

/** severityRank orders severities, most urgent first (0 = critical or page); unknown ones come last. */
export function severityRank(severity: string | null | undefined): number {
  if (severity === null || severity === undefined) return UNKNOWN_SEVERITY_RANK;
  return RANK[severity.toLowerCase()] ?? UNKNOWN_SEVERITY_RANK;
}
