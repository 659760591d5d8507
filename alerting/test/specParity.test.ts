import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { SpecValidationError, loadSpecs } from '@sightline/slo';
import { parse } from 'yaml';
import { DEFAULT_SLO_SPECS_DIR } from '../src/config';
import { burnAlertIdentity } from '../src/slo/burnAlertIdentity';
import type { EvaluableSlo } from '../src/slo/EvaluableSlo';
import { computeSloStatus } from '../src/slo/math/computeSloStatus';
import { evaluateBurnAlerts } from '../src/slo/math/evaluateBurnAlerts';
import { loadSloDefinitions } from '../src/slo/specs/loadSloDefinitions';

// The engine and the rules generator read the specs through the one loader in @sightline/slo; this checks that
// the engine's alerts agree with the rules generated from those files (data, not the generator's code).
const root = resolve(__dirname, '..', '..');
interface Rule {
  record?: string;
  alert?: string;
  expr: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}
const groupsOf = (tenant: string): { name: string; rules: Rule[] }[] =>
  (
    parse(readFileSync(join(root, 'rules', 'generated', `slo-${tenant}.yaml`), 'utf8')) as {
      groups: { name: string; rules: Rule[] }[];
    }
  ).groups;

/** expectAlertsToMatchRules compares the engine's burn-rate alerts of one SLO with its generated rules. */
function expectAlertsToMatchRules(d: EvaluableSlo): void {
  const groups = groupsOf(d.tenant);
  const meta = groups.find((g) => g.name === `slo-meta-recordings-${d.tenant}-${d.slo}`)!;
  expect(meta.rules.find((r) => r.record === 'slo:objective:ratio')!.expr).toBe(`vector(${d.objective})`);
  const alerts = groups
    .find((g) => g.name === `slo-alerts-${d.tenant}-${d.slo}`)!
    .rules.filter((r) => r.alert === d.alerting.name);
  const checks = evaluateBurnAlerts(d, computeSloStatus(d, {}));
  expect(checks.length).toBeGreaterThan(0);
  expect(alerts).toHaveLength(checks.length);
  checks.forEach((c, i) => {
    const rule = alerts[i]!;
    const identity = burnAlertIdentity(d, c);
    const { alertname, ...labels } = identity.labels;
    expect(alertname).toBe(rule.alert);
    expect(rule.labels).toEqual(labels);
    expect(rule.annotations!.burn_rate_factor).toBe(identity.annotations.burn_rate_factor);
    expect({
      ...rule.annotations,
      summary: rule.annotations!.summary!.replace('{{ $labels.tenant }}', d.tenant),
    }).toEqual(identity.annotations);
    expect(rule.expr).toContain(`> (${c.factor} * `);
    expect(rule.expr).toContain(
      `increase${c.policy.longWindow}{tenant="${d.tenant}", slo="${d.slo}"} >= ${d.minEvents[c.policy.longWindow]}`,
    );
    expect(rule.expr).toContain(
      `increase${c.policy.shortWindow}{tenant="${d.tenant}", slo="${d.slo}"} >= ${d.minEvents[c.policy.shortWindow]}`,
    );
  });
}

describe('SLO specs', () => {
  const loaded = loadSloDefinitions(DEFAULT_SLO_SPECS_DIR);

  it('reads the tier-contract SLOs of every tenant in rules/slos and leaves PromQL specs to Prometheus', () => {
    expect(loaded.definitions.map((d) => `${d.tenant}/${d.slo}`).sort()).toEqual([
      'acme/availability',
      'acme/latency',
      'globex/availability',
      'globex/latency',
      'initech/availability',
      'initech/latency',
    ]);
    expect(loaded.skipped.map((s) => `${s.file} ${s.tenant}/${s.slo}`).sort()).toEqual([
      'openslo/gateway-availability.yaml _platform/gateway-availability',
      'sloth/collector-ingest.yaml _platform/collector-ingest',
    ]);
  });

  it('evaluates exactly the definitions the shared loader gives the rules generator, and loses none', () => {
    const all = loadSpecs(DEFAULT_SLO_SPECS_DIR, DEFAULT_SLO_SPECS_DIR);
    expect(loaded.definitions).toEqual(all.filter((d) => d.rollupSli !== undefined));
    expect(loaded.definitions.length + loaded.skipped.length).toBe(all.length);
  });

  it('agrees with the generated rules on objective, thresholds, guards, labels and latency bucket', () => {
    for (const d of loaded.definitions) {
      expectAlertsToMatchRules(d);
      const sli = groupsOf(d.tenant).find((g) => g.name === `slo-sli-recordings-${d.tenant}-${d.slo}`)!;
      expect(sli.rules.map((r) => r.record)).toContain(`slo:sli_error:ratio_rate${d.period}`);
      if (d.rollupSli.kind === 'latency')
        expect(sli.rules[0]!.expr).toContain(`le="${d.rollupSli.boundMs / 1000}"`);
      else expect(sli.rules[0]!.expr).toContain('code!="429"');
    }
  });

  it('gives an SLO with custom alert names, labels and per-severity labels the same alerts as its rules', () => {
    // collector-ingest (Sloth) carries team and route labels; were rollups able to answer it, the engine
    // would raise exactly the alerts of its generated rules.
    const sloth = loadSpecs(DEFAULT_SLO_SPECS_DIR, DEFAULT_SLO_SPECS_DIR).find(
      (d) => d.slo === 'collector-ingest',
    )!;
    expect(sloth.alerting.labels).toEqual({ team: 'platform' });
    expectAlertsToMatchRules({ ...sloth, rollupSli: { kind: 'availability' } });
  });

  it('stops on a bad spec of any format with the file, path and reason, as the generator does', () => {
    const dir = mkdtempSync(join(tmpdir(), 'alerting-slos-'));
    try {
      mkdirSync(join(dir, 'sloth'));
      writeFileSync(
        join(dir, 'sloth', 'bad.yaml'),
        'version: prometheus/v1\nservice: s\nslos:\n  - name: x\n    objective: 100\n    sli: { events: { error_query: "e[{{.window}}]", total_query: "t[{{.window}}]" } }\n',
      );
      expect(() => loadSloDefinitions(dir)).toThrow(SpecValidationError);
      expect(() => loadSloDefinitions(dir)).toThrow(
        /^sloth\/bad\.yaml: slos\[0\]\.objective: must be below 100/,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
