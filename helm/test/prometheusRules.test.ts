import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { renderObjects } from './support/renderObjects';
import { repoRoot } from './support/repoRoot';

interface Rule {
  alert?: string;
  record?: string;
  expr: string;
  for?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}
interface RuleFile {
  groups: { name: string; rules: Rule[] }[];
}

const sourceFiles = (dir: string) =>
  readdirSync(join(repoRoot, dir))
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => ({
      path: `${dir}/${f}`,
      rules: parse(readFileSync(join(repoRoot, dir, f), 'utf8')) as RuleFile,
    }));

const renderedRules = () =>
  renderObjects('prod')
    .filter((o) => o.kind === 'PrometheusRule')
    .map((o) => ({
      source: o.metadata.annotations?.['sightline.dev/source'],
      spec: o.spec as unknown as RuleFile,
    }));

describe('PrometheusRules in the render', () => {
  it('carries every alert of rules/generated, with the same expression, labels and annotations', () => {
    const files = sourceFiles('rules/generated');
    const alerts = files.flatMap((f) => f.rules.groups.flatMap((g) => g.rules.filter((r) => r.alert)));
    expect(alerts.length).toBeGreaterThan(0);
    const rendered = renderedRules().flatMap((r) => r.spec.groups.flatMap((g) => g.rules));
    for (const a of alerts) expect(rendered).toContainEqual(a);
  });

  it('renders each rule file of rules/generated and rules/platform as one PrometheusRule with its groups unchanged', () => {
    const files = [...sourceFiles('rules/generated'), ...sourceFiles('rules/platform')];
    const rendered = renderedRules();
    expect(rendered.map((r) => r.source).sort()).toEqual(files.map((f) => f.path).sort());
    for (const f of files)
      expect(rendered.find((r) => r.source === f.path)!.spec.groups).toEqual(f.rules.groups);
  });

  it('renders one grafana_dashboard ConfigMap per dashboard in grafana/dashboards, holding its JSON unchanged', () => {
    const dashboards = readdirSync(join(repoRoot, 'grafana', 'dashboards')).filter((f) =>
      f.endsWith('.json'),
    );
    const maps = renderObjects('prod').filter(
      (o) => o.kind === 'ConfigMap' && o.metadata.labels?.grafana_dashboard === '1',
    );
    expect(maps).toHaveLength(dashboards.length);
    for (const d of dashboards) {
      const map = maps.find((m) => (m.data as Record<string, string>)[d] !== undefined);
      expect(JSON.parse((map!.data as Record<string, string>)[d]!)).toEqual(
        JSON.parse(readFileSync(join(repoRoot, 'grafana', 'dashboards', d), 'utf8')),
      );
    }
  });
});
