import type { DrillReport } from './DrillReport';

/** formatReport renders one drill's report as a Markdown section: heading, figures table and notes. */
export function formatReport(report: DrillReport, title: string, command: string): string {
  const date = report.startedAt.toISOString().slice(0, 10);
  const seconds = report.finishedAt
    ? Math.round((report.finishedAt.getTime() - report.startedAt.getTime()) / 1000)
    : NaN;
  const verdict = report.failures.length === 0 ? 'passed' : `FAILED (${report.failures.length})`;
  return [
    `### ${title}${report.short ? ' (short)' : ''} — ${date}`,
    '',
    `Command: \`${command}\` · ${verdict} · ${seconds} s`,
    '',
    '| figure | measured | bound |',
    '|---|---|---|',
    ...report.figures.map(
      (f) => `| ${f.name} | ${f.value} | ${f.bound ? `${f.bound} ${f.ok ? '✓' : '✗'}` : '—'} |`,
    ),
    '',
    ...report.notes.map((n) => `- ${n}`),
    '',
  ].join('\n');
}
