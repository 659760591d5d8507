import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import { DEFAULT_SLO_SPECS_DIR } from '../src/config';
import { burnAlertIdentity } from '../src/slo/burnAlertIdentity';
import { computeSloStatus } from '../src/slo/math/computeSloStatus';
import { evaluateBurnAlerts } from '../src/slo/math/evaluateBurnAlerts';
import { loadSloDefinitions } from '../src/slo/specs/loadSloDefinitions';
import { parseTenantSlos } from '../src/slo/specs/parseTenantSlos';
import { SloSpecError } from '../src/slo/specs/SloSpecError';

// The engine reads the same spec files as the rules generator; this checks it reads them the same way, by
// comparing with the rules generated from those files (data, not the generator's code).
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
    expect(loaded.skipped.map((s) => s.file).sort()).toEqual([
      'openslo/gateway-availability.yaml',
      'sloth/collector-ingest.yaml',
    ]);
  });

  it('agrees with the generated rules on objective, thresholds, guards, labels and latency bucket', () => {
    for (const d of loaded.definitions) {
      const groups = groupsOf(d.tenant);
      const meta = groups.find((g) => g.name === `slo-meta-recordings-${d.tenant}-${d.slo}`)!;
      expect(meta.rules.find((r) => r.record === 'slo:objective:ratio')!.expr).toBe(`vector(${d.objective})`);
      const alerts = groups
        .find((g) => g.name === `slo-alerts-${d.tenant}-${d.slo}`)!
        .rules.filter((r) => r.alert === d.alertName);
      const checks = evaluateBurnAlerts(d, computeSloStatus(d, {}));
      expect(alerts).toHaveLength(checks.length);
      checks.forEach((c, i) => {
        const rule = alerts[i]!;
        const identity = burnAlertIdentity(d, c);
        const { alertname, ...labels } = identity.labels;
        expect(alertname).toBe(rule.alert);
        expect(rule.labels).toEqual(labels);
        expect(rule.annotations!.burn_rate_factor).toBe(identity.annotations.burn_rate_factor);
        expect(rule.annotations!.summary!.replace('{{ $labels.tenant }}', d.tenant)).toBe(
          identity.annotations.summary,
        );
        expect(rule.annotations!.description).toBe(identity.annotations.description);
        expect(rule.expr).toContain(`> (${c.factor} * `);
        expect(rule.expr).toContain(
          `increase${c.policy.longWindow}{tenant="${d.tenant}", slo="${d.slo}"} >= ${d.minEvents[c.policy.longWindow]}`,
        );
        expect(rule.expr).toContain(
          `increase${c.policy.shortWindow}{tenant="${d.tenant}", slo="${d.slo}"} >= ${d.minEvents[c.policy.shortWindow]}`,
        );
      });
      const sli = groups.find((g) => g.name === `slo-sli-recordings-${d.tenant}-${d.slo}`)!;
      expect(sli.rules.map((r) => r.record)).toContain(`slo:sli_error:ratio_rate${d.period}`);
      if (d.sli.kind === 'latency') expect(sli.rules[0]!.expr).toContain(`le="${d.sli.boundMs / 1000}"`);
      else expect(sli.rules[0]!.expr).toContain('code!="429"');
    }
  });

  it.each([
    [
      { apiVersion: 'sightline/v1', kind: 'TenantSLOs', tenants: [{ id: 'a', tier: 'gold' }] },
      'tenants[0].tier',
    ],
    [
      { apiVersion: 'sightline/v1', kind: 'TenantSLOs', tenants: [{ id: 'A!', tier: 'pro' }] },
      'tenants[0].id',
    ],
    [
      {
        apiVersion: 'sightline/v1',
        kind: 'TenantSLOs',
        tenants: [{ id: 'a', tier: 'pro', overrides: { availability: { objective: 100 } } }],
      },
      'tenants[0].overrides.availability.objective',
    ],
    [
      {
        apiVersion: 'sightline/v1',
        kind: 'TenantSLOs',
        tenants: [{ id: 'a', tier: 'pro', overrides: { latency: { thresholdMs: 2 } } }],
      },
      'tenants[0].overrides.latency.thresholdMs',
    ],
    [
      { apiVersion: 'sightline/v1', kind: 'TenantSLOs', tenants: [{ id: 'a', tier: 'pro', typo: 1 }] },
      'tenants[0]',
    ],
  ])('rejects a bad tenants spec and names the path (%#)', (doc, path) => {
    expect(() => parseTenantSlos(doc, 'x.yaml')).toThrow(SloSpecError);
    try {
      parseTenantSlos(doc, 'x.yaml');
    } catch (err) {
      expect((err as SloSpecError).path).toBe(path);
    }
  });

  it('measures a latency threshold between bucket bounds at the lower bound, as the generator does', () => {
    const [, latency] = parseTenantSlos(
      {
        apiVersion: 'sightline/v1',
        kind: 'TenantSLOs',
        tenants: [{ id: 'a', tier: 'pro', overrides: { latency: { thresholdMs: 400, period: '7d' } } }],
      },
      'x.yaml',
    );
    expect(latency!.sli).toEqual({ kind: 'latency', thresholdMs: 400, boundMs: 250 });
    expect(latency!.period).toBe('7d');
  });
});
