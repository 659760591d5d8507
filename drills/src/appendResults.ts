import { readFileSync, writeFileSync } from 'node:fs';

/** RESULTS_HEADING is the heading in docs/reliability.md under which recorded runs are appended, newest last. */
export const RESULTS_HEADING = '## Results';

/**
 * appendResults adds sections at the end of the results part of the page (before the next `## ` heading, if any),
 * so the hand-written parts of the page stay as they are.
 */
export function appendResults(path: string, sections: readonly string[]): void {
  const page = readFileSync(path, 'utf8');
  const at = page.indexOf(`\n${RESULTS_HEADING}\n`);
  if (at === -1) throw new Error(`${path} has no "${RESULTS_HEADING}" heading to append results under`);
  const next = page.indexOf('\n## ', at + RESULTS_HEADING.length + 2);
  const end = next === -1 ? page.length : next + 1;
  const before = page.slice(0, end).replace(/\n*$/, '\n\n');
  writeFileSync(path, before + sections.join('\n') + (next === -1 ? '' : '\n' + page.slice(end)));
}
