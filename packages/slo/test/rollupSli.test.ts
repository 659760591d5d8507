import { parseSpecFile } from '../src';

const tenants = (overrides = ''): string =>
  `apiVersion: sightline/v1\nkind: TenantSLOs\ntenants:\n  - { id: acme, tier: pro${overrides} }\n`;

describe('rollup SLIs', () => {
  it('gives tier-contract SLOs a rollup SLI: availability, and latency at the tier bound', () => {
    const defs = parseSpecFile(tenants(), 't.yaml');
    expect(defs.map((d) => d.rollupSli)).toEqual([
      { kind: 'availability' },
      { kind: 'latency', thresholdMs: 500, boundMs: 500 },
    ]);
  });

  it('measures a latency threshold between bucket bounds at the lower bound, in PromQL and in rollups alike', () => {
    const [, latency] = parseSpecFile(
      tenants(', overrides: { latency: { thresholdMs: 400, period: 7d } }'),
      't.yaml',
    );
    expect(latency!.rollupSli).toEqual({ kind: 'latency', thresholdMs: 400, boundMs: 300 });
    expect(latency!.sli.errorQuery).toContain('le="0.3"');
    expect(latency!.period).toBe('7d');
  });

  it('measures the enterprise p99 contract of 300 ms exactly at the 300 ms bucket, in PromQL and in rollups alike', () => {
    const [, latency] = parseSpecFile(
      'apiVersion: sightline/v1\nkind: TenantSLOs\ntenants:\n  - { id: acme, tier: enterprise }\n',
      't.yaml',
    );
    expect(latency!.rollupSli).toEqual({ kind: 'latency', thresholdMs: 300, boundMs: 300 });
    expect(latency!.sli.errorQuery).toContain('le="0.3"');
    expect(latency!.sli.errorQuery).not.toContain('le="0.25"');
    expect(latency!.description).toContain('under 300 ms (measured at the 300 ms bucket)');
  });

  it('leaves Sloth SLOs without a rollup SLI, since only Prometheus can answer their PromQL', () => {
    const [def] = parseSpecFile(
      'version: prometheus/v1\nservice: s\nslos:\n  - name: x\n    objective: 99\n    sli: { events: { error_query: "e[{{.window}}]", total_query: "t[{{.window}}]" } }\n',
      's.yaml',
    );
    expect(def!.rollupSli).toBeUndefined();
    expect(def!.source).toEqual({ kind: 'sloth', file: 's.yaml' });
  });
});
