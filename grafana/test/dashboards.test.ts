import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Dashboard } from '@grafana/grafana-foundation-sdk/dashboard';
import { DASHBOARDS, buildGrafanaFiles, knownServiceMetrics, promqlMetricNames } from '../src';

const root = resolve(__dirname, '..', '..');
const update = process.env.UPDATE_GOLDEN === '1';
const files = buildGrafanaFiles();
const dashboards = files
  .filter((f) => f.path.endsWith('.json'))
  .map((f) => ({ path: f.path, dash: JSON.parse(f.content) as Dashboard }));
const GENERATED = [
  ...Object.keys(DASHBOARDS).map((n) => `grafana/dashboards/${n}.json`),
  'grafana/provisioning/datasources/prometheus.yaml',
  'grafana/provisioning/dashboards/sightline.yaml',
];

interface Target {
  expr?: string;
  refId?: string;
  datasource?: { uid?: string };
}
interface AnyPanel {
  id?: number;
  type: string;
  title?: string;
  targets?: Target[];
  panels?: AnyPanel[];
}
const panelsOf = (d: Dashboard): AnyPanel[] =>
  ((d.panels ?? []) as AnyPanel[]).flatMap((p) => [p, ...(p.panels ?? [])]);
const exprsOf = (d: Dashboard): string[] => [
  ...panelsOf(d).flatMap((p) => (p.targets ?? []).map((t) => t.expr!).filter(Boolean)),
  ...(d.templating.list ?? []).map((v) => String((v as { query?: unknown }).query ?? '')),
];

/** Names of every recording rule we ship, read from the rule files rules:generate and rules/platform hold. */
function shippedRecords(): Set<string> {
  const out = new Set<string>();
  for (const dir of ['rules/generated', 'rules/platform']) {
    for (const f of readdirSync(join(root, dir)).filter((n) => n.endsWith('.yaml'))) {
      for (const m of readFileSync(join(root, dir, f), 'utf8').matchAll(/^\s*- record: (\S+)$/gm))
        out.add(m[1]!);
    }
  }
  return out;
}

describe('grafana dashboards as code (UPDATE_GOLDEN=1 regenerates them)', () => {
  it('generates exactly the dashboards and provisioning files listed in DASHBOARDS', () => {
    expect(files.map((f) => f.path)).toEqual(GENERATED);
  });

  describe('the generator run by npm run dashboards:generate', () => {
    let out = '';
    beforeAll(() => {
      out = mkdtempSync(join(tmpdir(), 'grafana-'));
      const args = ['scripts/run-ts.mjs', 'grafana/src/generate.main.ts', '--out', update ? root : out];
      const r = spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8', timeout: 60_000 });
      if (r.status !== 0) throw new Error(`generator failed: ${r.stderr}`);
    }, 60_000);
    afterAll(() => rmSync(out, { recursive: true, force: true }));

    it.each(GENERATED)('writes %s exactly as committed', (path) => {
      const generated = readFileSync(join(update ? root : out, path), 'utf8');
      expect(existsSync(join(root, path))).toBe(true);
      expect(readFileSync(join(root, path), 'utf8')).toBe(generated);
    });
  });

  it.each(GENERATED.filter((p) => p.endsWith('.json')))(
    'commits %s with the content the code builds',
    (path) => {
      const built = files.find((f) => f.path === path)!;
      expect(JSON.parse(readFileSync(join(root, path), 'utf8'))).toEqual(JSON.parse(built.content));
    },
  );

  it('commits no dashboard JSON that the code no longer generates', () => {
    const committed = readdirSync(join(root, 'grafana', 'dashboards')).filter((n) => n.endsWith('.json'));
    expect(committed.sort()).toEqual(
      Object.keys(DASHBOARDS)
        .map((n) => `${n}.json`)
        .sort(),
    );
  });

  it('ships the tenant SLO, gateway, collector and alerting dashboards with distinct uids', () => {
    expect(dashboards.map((d) => d.dash.title)).toEqual([
      'Sightline / Tenant SLO',
      'Sightline / Gateway',
      'Sightline / Collector',
      'Sightline / Alerting',
    ]);
    expect(new Set(dashboards.map((d) => d.dash.uid)).size).toBe(dashboards.length);
  });

  it('fills in templating.list and annotations.list, which the SDK leaves out', () => {
    for (const { dash } of dashboards) {
      expect(Array.isArray(dash.templating.list)).toBe(true);
      expect(Array.isArray(dash.annotations.list)).toBe(true);
    }
  });

  it('lets the tenant SLO dashboard pick a tenant from the SLO metadata rules', () => {
    const tenantSlo = dashboards.find((d) => d.path.endsWith('tenant-slo.json'))!.dash;
    const tenant = tenantSlo.templating.list!.find((v) => v.name === 'tenant') as
      { query?: string } | undefined;
    expect(tenant?.query).toBe('label_values(slo:objective:ratio, tenant)');
    const titles = panelsOf(tenantSlo).map((p) => p.title);
    expect(titles).toEqual(
      expect.arrayContaining([
        'Availability',
        'Error budget burn-down',
        'Burn rate by window',
        'Latency percentiles',
      ]),
    );
    const burn = panelsOf(tenantSlo).find((p) => p.title === 'Burn rate by window')!;
    expect(burn.targets!.map((t) => /ratio_rate(\w+)\{/.exec(t.expr!)![1])).toEqual([
      '5m',
      '30m',
      '1h',
      '2h',
      '6h',
      '1d',
      '3d',
    ]);
  });

  it('gives every panel a unique id and every query a unique refId on the provisioned Prometheus', () => {
    const provisioned = files.find((f) => f.path.endsWith('datasources/prometheus.yaml'))!.content;
    expect(provisioned).toContain('uid: prometheus');
    for (const { dash } of dashboards) {
      const ids = panelsOf(dash).map((p) => p.id);
      expect(new Set(ids).size).toBe(ids.length);
      for (const p of panelsOf(dash)) {
        const refIds = (p.targets ?? []).map((t) => t.refId);
        expect(new Set(refIds).size).toBe(refIds.length);
        for (const t of p.targets ?? []) expect(t.datasource?.uid).toBe('prometheus');
      }
    }
  });

  it('queries only metrics that the generated rules record or that the services export', () => {
    const known = new Set<string>(shippedRecords());
    expect(known.has('slo:period_error_budget_remaining:ratio')).toBe(true);
    for (const names of Object.values(knownServiceMetrics)) {
      for (const n of names)
        for (const suffix of ['', '_bucket', '_count', '_sum']) known.add(`${n}${suffix}`);
    }
    const unknown = dashboards.flatMap(({ path, dash }) =>
      exprsOf(dash).flatMap((e) =>
        promqlMetricNames(e)
          .filter((n) => !known.has(n))
          .map((n) => `${path}: ${n}`),
      ),
    );
    expect(unknown).toEqual([]);
  });

  it('writes queries that Prometheus parses (checked by promtool as recording rules)', () => {
    const exprs = dashboards
      .flatMap(({ dash }) => exprsOf(dash))
      .filter((e) => !e.startsWith('label_values('));
    const rules = exprs.map(
      (e, i) =>
        `      - record: dashboard:query:${i}\n        expr: ${JSON.stringify(
          e
            .replaceAll('$__rate_interval', '5m')
            .replaceAll('$tenant', 'acme')
            .replaceAll('$slo', 'availability'),
        )}`,
    );
    const dir = mkdtempSync(join(tmpdir(), 'dash-'));
    try {
      writeFileSync(
        join(dir, 'q.yaml'),
        `groups:\n  - name: dashboard-queries\n    rules:\n${rules.join('\n')}\n`,
      );
      const r = spawnSync('/usr/bin/promtool', ['check', 'rules', join(dir, 'q.yaml')], { encoding: 'utf8' });
      expect(`${r.stdout}${r.stderr}`).toContain(`SUCCESS: ${exprs.length} rules found`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('promqlMetricNames', () => {
  it.each([
    [
      'sum by (le) (rate(gateway_request_duration_seconds_bucket{tenant="a"}[5m]))',
      ['gateway_request_duration_seconds_bucket'],
    ],
    ['1 - slo:period_error:ratio{tenant="$tenant", slo="availability"}', ['slo:period_error:ratio']],
    ['a_total / on (tenant, slo) group_left b:c:ratio offset 5m', ['a_total', 'b:c:ratio']],
    ['label_values(slo:objective:ratio{tenant="$tenant"}, slo)', ['slo:objective:ratio']],
    ['histogram_quantile(0.99, x_bucket{le!="by(foo)"})', ['x_bucket']],
  ])('finds the metrics in %s', (expr, names) => {
    expect(promqlMetricNames(expr)).toEqual(names);
  });
});
