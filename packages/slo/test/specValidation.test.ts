import { mkdtempSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SpecValidationError, loadSpecs, parseSpecFile } from '../src';

function rejection(text: string, file = 'rules/slos/bad.yaml'): SpecValidationError {
  try {
    parseSpecFile(text, file);
  } catch (err) {
    if (err instanceof SpecValidationError) return err;
    throw err;
  }
  throw new Error('the spec was accepted');
}

const slothWith = (objective: string, errorQuery = 'sum(rate(x_errors_total[{{.window}}]))'): string =>
  [
    'version: prometheus/v1',
    'service: svc',
    'slos:',
    '  - name: ok',
    '    objective: 99',
    '    sli: { events: { error_query: "sum(rate(e[{{.window}}]))", total_query: "sum(rate(t[{{.window}}]))" } }',
    '  - name: bad',
    `    objective: ${objective}`,
    `    sli: { events: { error_query: '${errorQuery}', total_query: "sum(rate(t[{{.window}}]))" } }`,
  ].join('\n');

describe('spec validation', () => {
  it('rejects a Sloth objective of 100 % with the file, the path slos[1].objective and the reason', () => {
    const err = rejection(slothWith('100'));
    expect(err.file).toBe('rules/slos/bad.yaml');
    expect(err.path).toBe('slos[1].objective');
    expect(err.reason).toMatch(/below 100/);
    expect(err.message).toBe(`rules/slos/bad.yaml: slos[1].objective: ${err.reason}`);
  });

  it('rejects an objective written as text', () => {
    expect(rejection(slothWith('"ninety-nine"')).path).toBe('slos[1].objective');
  });

  it('rejects an SLI query without the {{.window}} placeholder', () => {
    const err = rejection(slothWith('99', 'sum(rate(x_errors_total[5m]))'));
    expect(err.path).toBe('slos[1].sli.events.error_query');
    expect(err.reason).toContain('{{.window}}');
  });

  it('rejects a Sloth raw ratio SLI, which the low-traffic guard cannot protect', () => {
    const text =
      'version: prometheus/v1\nservice: s\nslos:\n  - name: r\n    objective: 99\n    sli: { raw: { error_ratio_query: "x" } }\n';
    const err = rejection(text);
    expect(err.path).toBe('slos[0].sli.events');
    expect(err.reason).toMatch(/only event SLIs/);
  });

  it('rejects an OpenSLO SLO with a calendar window, naming the document and the field', () => {
    const text = [
      'apiVersion: openslo/v1',
      'kind: SLI',
      'metadata: { name: s }',
      'spec: { ratioMetric: { counter: true, good: { metricSource: { type: Prometheus, spec: { query: "a[{{.window}}]" } } }, total: { metricSource: { type: Prometheus, spec: { query: "b[{{.window}}]" } } } } }',
      '---',
      'apiVersion: openslo/v1',
      'kind: SLO',
      'metadata: { name: o }',
      'spec: { service: s, indicatorRef: s, timeWindow: [{ duration: 30d, isRolling: false }], budgetingMethod: Occurrences, objectives: [{ target: 0.99 }] }',
    ].join('\n');
    const err = rejection(text);
    expect(err.path).toBe('documents[1].spec.timeWindow[0].isRolling');
    expect(err.reason).toMatch(/rolling/);
  });

  it('rejects an OpenSLO SLO whose indicatorRef names no SLI in the file', () => {
    const text =
      'apiVersion: openslo/v1\nkind: SLO\nmetadata: { name: o }\nspec: { service: s, indicatorRef: missing, timeWindow: [{ duration: 7d, isRolling: true }], budgetingMethod: Occurrences, objectives: [{ target: 0.99 }] }\n';
    const err = rejection(text);
    expect(err.path).toBe('spec.indicatorRef');
    expect(err.reason).toContain('missing');
  });

  it('rejects an OpenSLO SLI with both good and bad metrics', () => {
    const src = '{ metricSource: { type: Prometheus, spec: { query: "q[{{.window}}]" } } }';
    const text = `apiVersion: openslo/v1\nkind: SLI\nmetadata: { name: s }\nspec: { ratioMetric: { good: ${src}, bad: ${src}, total: ${src} } }\n`;
    expect(rejection(text).reason).toMatch(/exactly one of good and bad/);
  });

  it('rejects an unknown tier, naming the tenant entry', () => {
    const err = rejection(
      'apiVersion: sightline/v1\nkind: TenantSLOs\ntenants:\n  - { id: acme, tier: platinum }\n',
    );
    expect(err.path).toBe('tenants[0].tier');
  });

  it('rejects a misspelt override key instead of silently ignoring it', () => {
    const err = rejection(
      'apiVersion: sightline/v1\nkind: TenantSLOs\ntenants:\n  - { id: acme, tier: pro, overrides: { availability: { objectiv: 99 } } }\n',
    );
    expect(err.path).toBe('tenants[0].overrides.availability');
    expect(err.reason).toMatch(/objectiv/);
  });

  it('rejects an SLO period the burn-rate maths is not scaled for', () => {
    const err = rejection(
      'apiVersion: sightline/v1\nkind: TenantSLOs\ntenants:\n  - { id: acme, tier: pro, overrides: { availability: { period: 14d } } }\n',
    );
    expect(err.path).toBe('tenants[0].overrides.availability.period');
    expect(err.reason).toMatch(/7d, 28d, 30d/);
  });

  it('rejects a tenant listed twice', () => {
    const err = rejection(
      'apiVersion: sightline/v1\nkind: TenantSLOs\ntenants:\n  - { id: acme, tier: pro }\n  - { id: acme, tier: free }\n',
    );
    expect(err.path).toBe('tenants[1].id');
  });

  it('rejects a hostile tenant id that would break out of the PromQL label matcher', () => {
    const err = rejection(
      'apiVersion: sightline/v1\nkind: TenantSLOs\ntenants:\n  - { id: "acme\\"} or vector(1) #", tier: pro }\n',
    );
    expect(err.path).toBe('tenants[0].id');
  });

  it('rejects a latency threshold under the smallest histogram bucket', () => {
    const err = rejection(
      'apiVersion: sightline/v1\nkind: TenantSLOs\ntenants:\n  - { id: acme, tier: pro, overrides: { latency: { thresholdMs: 1 } } }\n',
    );
    expect(err.path).toBe('tenants[0].overrides.latency.thresholdMs');
  });

  it('rejects a file in no known format', () => {
    const err = rejection('apiVersion: v1\nkind: ConfigMap\n');
    expect(err.path).toBe('apiVersion');
    expect(err.reason).toMatch(/unknown spec format/);
  });

  it('rejects malformed YAML with the parser reason', () => {
    expect(rejection('slos: [unclosed\n').reason).toMatch(/invalid YAML/);
  });

  it('refuses a billion-laughs alias bomb instead of expanding it', () => {
    const lines = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]'];
    for (let i = 0; i < 8; i++) {
      const prev = String.fromCharCode(97 + i);
      const next = String.fromCharCode(98 + i);
      lines.push(`${next}: &${next} [${Array(10).fill(`*${prev}`).join(',')}]`);
    }
    expect(rejection(lines.join('\n')).reason).toMatch(/alias|invalid YAML/i);
  });

  it('refuses a spec file over 1 MiB', () => {
    expect(rejection(`# ${'x'.repeat(1024 * 1024)}\n`).reason).toMatch(/larger than/);
  });

  it('refuses a spec file over 1 MiB on disk before reading it, naming the file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'slos-'));
    try {
      writeFileSync(join(dir, 'huge.yaml'), `# ${'x'.repeat(1024 * 1024)}\n`);
      expect(() => loadSpecs(dir, dir)).toThrow(/^huge\.yaml: \(root\): larger than 1048576 bytes$/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('rejects the same SLO of one tenant defined in two files, naming both', () => {
    const dir = mkdtempSync(join(tmpdir(), 'slos-'));
    try {
      mkdirSync(join(dir, 'sloth'));
      const tenants = 'apiVersion: sightline/v1\nkind: TenantSLOs\ntenants:\n  - { id: acme, tier: pro }\n';
      writeFileSync(join(dir, 'a-tenants.yaml'), tenants);
      writeFileSync(
        join(dir, 'sloth', 'dup.yaml'),
        'version: prometheus/v1\nservice: s\nlabels: { tenant: acme }\nslos:\n  - name: availability\n    objective: 99\n    sli: { events: { error_query: "e[{{.window}}]", total_query: "t[{{.window}}]" } }\n',
      );
      expect(() => loadSpecs(dir, dir)).toThrow(
        'sloth/dup.yaml: (root): SLO availability of tenant acme is already defined in a-tenants.yaml',
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reads a ConfigMap-mounted folder once: hidden ..<timestamp> copies and symlinks are not specs twice', () => {
    const dir = mkdtempSync(join(tmpdir(), 'slos-'));
    try {
      const tenants = 'apiVersion: sightline/v1\nkind: TenantSLOs\ntenants:\n  - { id: acme, tier: pro }\n';
      // The layout kubelet writes: the real files in a hidden timestamped folder, ..data pointing at it, and a
      // symlink per file through ..data.
      mkdirSync(join(dir, '..2026_11_26_03_00_00.123'));
      writeFileSync(join(dir, '..2026_11_26_03_00_00.123', 'tenants.yaml'), tenants);
      symlinkSync('..2026_11_26_03_00_00.123', join(dir, '..data'));
      symlinkSync(join('..data', 'tenants.yaml'), join(dir, 'tenants.yaml'));
      expect(loadSpecs(dir, dir).map((d) => `${d.source.file} ${d.slo}`)).toEqual([
        'tenants.yaml availability',
        'tenants.yaml latency',
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
