import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './support/buildRepoSite';

const read = (path: string) => readFileSync(join(REPO_ROOT, path), 'utf8');
const filesIn = (dir: string, ext: string) =>
  readdirSync(join(REPO_ROOT, dir))
    .filter((f) => f.endsWith(ext))
    .map((f) => `${dir}/${f}`);

// Headings outside fenced code blocks, where a shell comment would look like one.
function headings(markdown: string): string[] {
  return markdown
    .replace(/^(```|~~~)[\s\S]*?^\1/gm, '')
    .split('\n')
    .filter((line) => /^#{1,6} /.test(line))
    .map((line) => line.trim());
}

const ALERT_RULE_FILES = [...filesIn('rules/generated', '.yaml'), ...filesIn('rules/platform', '.yaml')];

function alertsIn(text: string): string[] {
  return [...new Set([...text.matchAll(/^\s*-?\s*alert:\s*['"]?([A-Za-z0-9_:]+)/gm)].map((m) => m[1]!))];
}

function alertNames(): string[] {
  return [...new Set(ALERT_RULE_FILES.flatMap((f) => alertsIn(read(f))))].sort();
}

describe('the docs conventions of HOUSE_STYLE', () => {
  it.each(filesIn('docs/adr', '.md'))('%s has Context, Decision and Consequences sections', (adr) => {
    expect(headings(read(adr))).toEqual(
      expect.arrayContaining(['## Context', '## Decision', '## Consequences']),
    );
  });

  it('finds the alert rules it checks runbooks for', () => {
    expect(ALERT_RULE_FILES).toEqual(expect.arrayContaining(['rules/platform/platform.yaml']));
    expect(ALERT_RULE_FILES.filter((f) => f.startsWith('rules/generated/')).length).toBeGreaterThan(0);
  });

  it.each(ALERT_RULE_FILES)(
    'gives every alert in %s a runbook in docs/runbooks, which its runbook_url names',
    (file) => {
      const text = read(file);
      const alerts = alertsIn(text);
      expect(alerts.length).toBeGreaterThan(0);
      for (const alert of alerts) {
        expect([alert, existsSync(join(REPO_ROOT, 'docs', 'runbooks', `${alert}.md`))]).toEqual([
          alert,
          true,
        ]);
      }
      const urls = [...text.matchAll(/runbook_url:\s*['"]?(\S+?)['"]?$/gm)].map((m) => m[1]!);
      for (const url of urls) {
        const path = /\/(docs\/runbooks\/[^/]+\.md)$/.exec(url)?.[1];
        expect([url, path !== undefined && existsSync(join(REPO_ROOT, path))]).toEqual([url, true]);
      }
    },
  );

  it.each(alertNames())(
    'the runbook of %s says what it means and how to confirm, mitigate and escalate',
    (alert) => {
      const text = headings(read(`docs/runbooks/${alert}.md`))
        .join('\n')
        .toLowerCase();
      for (const part of ['what it means', 'how to confirm', 'how to mitigate', 'how to escalate']) {
        expect([part, text.includes(`## ${part}`)]).toEqual([part, true]);
      }
    },
  );
});
