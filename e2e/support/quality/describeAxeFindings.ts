import type { AxeFinding } from './axeScan';

/** describeAxeFindings writes findings one element per line, so a failed scan says what to fix and where. */
export function describeAxeFindings(page: string, findings: readonly AxeFinding[]): string {
  return findings
    .flatMap((f) =>
      f.nodes.map(
        (n) => `${page}: ${f.id} (${f.impact ?? 'no impact'}) at ${n.target}: ${n.html} — ${n.summary}`,
      ),
    )
    .join('\n');
}
