import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import type { PrometheusRuleGroup } from '../src/render/PrometheusRule';
import { RUNBOOK_BASE_URL } from '../src/render/runbookUrl';

const root = resolve(__dirname, '..', '..');
const PROMTOOL = process.env.PROMTOOL ?? '/usr/bin/promtool';
const yamlIn = (dir: string): string[] =>
  readdirSync(join(root, dir))
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => join(dir, f));
const ruleFiles = [...yamlIn('rules/generated'), ...yamlIn('rules/platform')];
const unitTests = yamlIn('rules/test/promtool');

function promtool(...args: string[]): { status: number | null; output: string } {
  const r = spawnSync(PROMTOOL, args, { cwd: root, encoding: 'utf8', timeout: 110_000 });
  return { status: r.status, output: `${r.stdout}${r.stderr}` };
}

describe('promtool', () => {
  it('accepts every generated SLO rule file and every platform rule file', () => {
    expect(ruleFiles.length).toBeGreaterThanOrEqual(5);
    const r = promtool('check', 'rules', ...ruleFiles);
    expect(r.output).not.toMatch(/FAILED/);
    expect(r.status).toBe(0);
  });

  it.each(unitTests)(
    'passes the unit tests in %s',
    (file) => {
      const r = promtool('test', 'rules', file);
      expect(r.output).toContain('SUCCESS');
      expect(r.status).toBe(0);
    },
    120_000,
  );

  it('finds a broken expectation, so a passing run means something', () => {
    const r = promtool('test', 'rules', 'rules/test/promtool-canary/fails.yaml');
    expect(r.status).not.toBe(0);
    expect(r.output).toContain('FAILED');
  });
});

describe('runbooks', () => {
  const alerts = ruleFiles.flatMap((f) =>
    (parse(readFileSync(join(root, f), 'utf8')) as { groups: PrometheusRuleGroup[] }).groups
      .flatMap((g) => g.rules)
      .filter((r) => r.alert !== undefined),
  );

  it('links every shipped alert to a runbook named after it in docs/runbooks', () => {
    expect(alerts.length).toBeGreaterThan(0);
    for (const a of alerts) {
      const url = a.annotations?.runbook_url;
      expect(url).toBe(`${RUNBOOK_BASE_URL}/${a.alert}.md`);
      expect(existsSync(join(root, 'docs', 'runbooks', `${a.alert}.md`))).toBe(true);
    }
  });

  it('gives each runbook the four sections on-call needs', () => {
    for (const name of new Set(alerts.map((a) => a.alert!))) {
      const text = readFileSync(join(root, 'docs', 'runbooks', `${name}.md`), 'utf8');
      for (const section of [
        '## What it means',
        '## How to confirm',
        '## How to mitigate',
        '## How to escalate',
      ]) {
        expect(`${name}: ${text.includes(section) ? section : 'missing'}`).toBe(`${name}: ${section}`);
      }
    }
  });
});
