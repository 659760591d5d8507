import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadSpecs, parseSpecFile } from '@sightline/slo';
import { generateRules } from '../src';

const root = resolve(__dirname, '..', '..');

describe('tier contract SLOs', () => {
  const defs = loadSpecs(join(root, 'rules', 'slos'), root);
  const find = (tenant: string, slo: string) => defs.find((d) => d.tenant === tenant && d.slo === slo);

  it('gives enterprise acme availability 99.95 % over 30d and latency under 300 ms for 99 % of requests', () => {
    expect(find('acme', 'availability')).toMatchObject({
      objective: 0.9995,
      period: '30d',
      source: { kind: 'tier' },
    });
    const latency = find('acme', 'latency')!;
    expect(latency).toMatchObject({ objective: 0.99, period: '30d' });
    expect(latency.description).toContain('under 300 ms');
    // 300 ms is a gateway histogram bound, so the contract is measured exactly, not at a stricter bucket.
    expect(latency.sli.errorQuery).toContain('le="0.3"');
    expect(latency.rollupSli).toEqual({ kind: 'latency', thresholdMs: 300, boundMs: 300 });
    expect(latency.description).toContain('measured at the 300 ms bucket');
  });

  it('gives pro globex 99.9 % and free initech 99 %, each with a latency SLO at its tier bound', () => {
    expect(find('globex', 'availability')!.objective).toBe(0.999);
    expect(find('initech', 'availability')!.objective).toBe(0.99);
    expect(find('globex', 'latency')!.sli.errorQuery).toContain('le="0.5"');
    expect(find('initech', 'latency')!.sli.errorQuery).toContain('le="1"');
  });

  it('applies the per-tenant minimum-events override of the seed file to initech availability only', () => {
    expect(find('initech', 'availability')!.minEvents['5m']).toBe(20);
    expect(find('initech', 'latency')!.minEvents['5m']).toBe(10);
  });

  it('counts 5xx as errors and keeps 429s out of the valid events of availability', () => {
    const sli = find('globex', 'availability')!.sli;
    expect(sli.errorQuery).toContain('code=~"5.."');
    expect(sli.totalQuery).toContain('code!="429"');
  });

  it('lets an override change the objective and period, and disable an SLO', () => {
    const spec =
      'apiVersion: sightline/v1\nkind: TenantSLOs\ntenants:\n  - id: acme\n    tier: enterprise\n    overrides:\n      availability: { objective: 99.99, period: 7d }\n      latency: { disabled: true }\n';
    const got = parseSpecFile(spec, 't.yaml');
    expect(got.map((d) => [d.slo, d.objective, d.period])).toEqual([['availability', 0.9999, '7d']]);
  });

  it('drops only the page alerts of a Sloth SLO whose page_alert is disabled', () => {
    const spec =
      'version: prometheus/v1\nservice: s\nslos:\n  - name: batch\n    objective: 95\n    sli: { events: { error_query: "e[{{.window}}]", total_query: "t[{{.window}}]" } }\n    alerting: { page_alert: { disable: true } }\n';
    const [def] = parseSpecFile(spec, 's.yaml');
    expect(def!.alerting).toMatchObject({ pageDisabled: true, ticketDisabled: false });
    expect(def!.tenant).toBe('_platform');
  });
});

describe('generateRules', () => {
  it('writes one file per tenant and removes the file of a tenant that left the specs', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gen-'));
    try {
      mkdirSync(join(dir, 'rules', 'slos'), { recursive: true });
      mkdirSync(join(dir, 'rules', 'generated'), { recursive: true });
      writeFileSync(join(dir, 'rules', 'generated', 'slo-gone.yaml'), 'groups: []\n');
      writeFileSync(
        join(dir, 'rules', 'slos', 'tenants.yaml'),
        'apiVersion: sightline/v1\nkind: TenantSLOs\ntenants:\n  - { id: umbrella, tier: pro }\n',
      );
      const files = generateRules(dir);
      expect(files.map((f) => f.path)).toEqual([join('rules', 'generated', 'slo-umbrella.yaml')]);
      expect(existsSync(join(dir, 'rules', 'generated', 'slo-gone.yaml'))).toBe(false);
      expect(readFileSync(join(dir, files[0]!.path), 'utf8')).toContain(
        'name: slo-alerts-umbrella-availability',
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('stops on an invalid spec and writes nothing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gen-'));
    try {
      mkdirSync(join(dir, 'rules', 'slos'), { recursive: true });
      writeFileSync(
        join(dir, 'rules', 'slos', 'tenants.yaml'),
        'apiVersion: sightline/v1\nkind: TenantSLOs\ntenants:\n  - { id: umbrella, tier: gold }\n',
      );
      expect(() => generateRules(dir)).toThrow(/^rules\/slos\/tenants\.yaml: tenants\[0\]\.tier: /);
      expect(existsSync(join(dir, 'rules', 'generated'))).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
