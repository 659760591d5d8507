import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { closeServer, listen } from '@sightline/http';
import { freePort } from '@sightline/testing';
import { DrillReport } from '../src/DrillReport';
import { recordAudit, supplyChainDrill } from '../src/drills/supplyChainDrill';
import { ALLOWED_LICENCES, LICENCE_POLICY } from '../src/drills/supplyChainPolicy';
import { checkLicences } from '../src/support/checkLicences';
import { repoRoot } from '../src/support/repoRoot';
import { runNpmAudit } from '../src/support/runNpmAudit';
import { spdxSatisfies } from '../src/support/spdxSatisfies';

describe('the licence check of the supply-chain drill', () => {
  it('admits the licence of every installed package of package-lock.json, production and dev', async () => {
    const report = await supplyChainDrill.run({ short: true, log: () => undefined });
    expect(report.notes.filter((n) => n.startsWith('Licence:'))).toEqual([]);
    expect(report.values.licenceProblems).toBe(0);
    expect(report.values.prodPackages).toBeGreaterThan(250);
    expect(report.values.devPackages).toBeGreaterThan(250);
    expect(report.failures).toEqual([]);
  });

  it.each([
    ['passes an OR when one of its licences is allowed', '(MIT OR GPL-3.0-or-later)', true],
    ['passes an AND when all of its licences are allowed', 'MIT AND ISC AND BSD-3-Clause', true],
    ['fails an AND when one part is copyleft', 'MIT AND GPL-2.0-only', false],
    ['fails a strong copyleft licence', 'AGPL-3.0-only', false],
    [
      'fails a licence WITH an exception unless that pair is allowed',
      'GPL-2.0-only WITH Classpath-exception-2.0',
      false,
    ],
    ['passes "or later" of an allowed licence', 'Apache-2.0+', true],
    ['fails UNLICENSED (proprietary)', 'UNLICENSED', false],
    ['fails a pointer to a file, which is no SPDX expression', 'SEE LICENSE IN LICENSE.md', false],
    ['fails an unbalanced expression', '(MIT OR Apache-2.0', false],
  ])('%s: %s', (_name, expression, ok) => {
    expect(spdxSatisfies(expression, ALLOWED_LICENCES).ok).toBe(ok);
  });

  describe('on a small installed tree', () => {
    let root: string;
    const pkg = (path: string, json: Record<string, unknown>) => {
      mkdirSync(join(root, path), { recursive: true });
      writeFileSync(join(root, path, 'package.json'), JSON.stringify(json));
    };

    beforeAll(() => {
      root = mkdtempSync(join(tmpdir(), 'sl-licences-'));
      const lock = {
        lockfileVersion: 3,
        packages: {
          '': { name: 'app' },
          'node_modules/ok': { version: '1.0.0' },
          'node_modules/legacy': { version: '1.0.0' },
          'node_modules/gpl': { version: '2.0.0' },
          'node_modules/nolicence': { version: '1.0.0', dev: true },
          'node_modules/khroma': { version: '2.1.0', dev: true },
          'node_modules/ok/node_modules/stale': { version: '3.0.0' },
          'node_modules/missing': { version: '1.0.0' },
          'node_modules/other-platform': { version: '1.0.0', optional: true },
          'node_modules/@app/self': { link: true, resolved: 'self' },
        },
      };
      writeFileSync(join(root, 'package-lock.json'), JSON.stringify(lock));
      pkg('node_modules/ok', { name: 'ok', version: '1.0.0', license: 'MIT' });
      pkg('node_modules/legacy', {
        name: 'legacy',
        version: '1.0.0',
        licenses: [{ type: 'GPL-2.0-only' }, { type: 'MIT' }],
      });
      pkg('node_modules/gpl', { name: 'gpl', version: '2.0.0', license: 'GPL-3.0-only' });
      pkg('node_modules/nolicence', { name: 'nolicence', version: '1.0.0' });
      pkg('node_modules/khroma', { name: 'khroma', version: '2.1.0' });
      pkg('node_modules/ok/node_modules/stale', { name: 'stale', version: '3.0.1', license: 'MIT' });
    });

    afterAll(() => rmSync(root, { recursive: true, force: true }));

    it('names each package the policy does not admit and why, and skips optional packages of other platforms', () => {
      const report = checkLicences(root, LICENCE_POLICY);
      expect(report.problems.map((p) => `${p.name} (${p.production ? 'prod' : 'dev'}): ${p.reason}`)).toEqual(
        [
          'gpl (prod): licence "GPL-3.0-only": no allowed licence satisfies it',
          'nolicence (dev): declares no licence',
          'stale (prod): installed 3.0.1, but package-lock.json has 3.0.0',
          'missing (prod): locked but not installed (run npm ci)',
        ],
      );
      expect(report.exceptionsUsed).toEqual([expect.stringMatching(/^khroma@2\.1\.0: dev only/)]);
      expect(report).toMatchObject({ production: 4, dev: 2, skipped: 1 });
      expect(report.byLicence['(GPL-2.0-only OR MIT)']).toBe(1);
    });

    it('holds an exception only while the package declares the licence that was reviewed', () => {
      pkg('node_modules/khroma', { name: 'khroma', version: '2.2.0', license: 'GPL-3.0-only' });
      const lock = {
        lockfileVersion: 3,
        packages: { 'node_modules/khroma': { version: '2.2.0', dev: true } },
      };
      writeFileSync(join(root, 'package-lock.json'), JSON.stringify(lock));
      expect(checkLicences(root, LICENCE_POLICY).problems).toEqual([
        expect.objectContaining({
          name: 'khroma',
          reason: 'licence "GPL-3.0-only": no allowed licence satisfies it',
        }),
      ]);
    });
  });
});

// The registry's audit endpoint itself is not asked here: a test must not pass or fail with the network. These run
// the real `npm audit` against a closed port and against a local registry that answers the advisory bulk request.
describe('the advisory audit of the supply-chain drill', () => {
  it('reports an unreachable audit endpoint as a failure with its reason, never as "no advisories"', async () => {
    const port = await freePort();
    const outcome = await runNpmAudit(repoRoot(), { omitDev: true, registry: `http://127.0.0.1:${port}/` });
    expect(outcome).toEqual({ kind: 'unavailable', reason: expect.stringContaining('ECONNREFUSED') });
    const report = new DrillReport('supply-chain', false);
    recordAudit(report, 'prod', 'production dependencies', outcome);
    expect(report.failures).toEqual([
      'registry answered the audit of production dependencies (1 = yes): 0 (expected ≥ 1)',
    ]);
    expect(report.notes.join('\n')).toMatch(/FAILED: .*ECONNREFUSED.*not a pass/);
  }, 60_000);

  it('fails on a critical advisory and names the package, its severity and the advisory URL; --omit=dev leaves dev packages out', async () => {
    const asked: Record<string, string[]>[] = [];
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        if (req.method !== 'POST' || req.url !== '/-/npm/v1/security/advisories/bulk') {
          res.writeHead(404, { 'content-type': 'application/json' }).end('{}');
          return;
        }
        // The bulk contract: a (gzipped) JSON object of package name → installed versions.
        const raw = Buffer.concat(chunks);
        const body = JSON.parse(
          (req.headers['content-encoding'] === 'gzip' ? gunzipSync(raw) : raw).toString('utf8'),
        ) as Record<string, string[]>;
        asked.push(body);
        res.writeHead(200, { 'content-type': 'application/json' }).end(
          JSON.stringify({
            pg: [
              {
                id: 1,
                url: 'https://github.com/advisories/GHSA-drill-0001',
                title: 'a drill advisory',
                severity: 'critical',
                vulnerable_versions: '<1000.0.0',
                cwe: [],
                cvss: { score: 9.8 },
              },
            ],
          }),
        );
      });
    });
    const port = await listen(server, 0);
    try {
      const registry = `http://127.0.0.1:${port}/`;
      const prod = await runNpmAudit(repoRoot(), { omitDev: true, registry });
      const all = await runNpmAudit(repoRoot(), { omitDev: false, registry });
      expect(asked).toHaveLength(2);
      expect(asked[0]!.pg).toEqual([expect.stringMatching(/^\d+\.\d+\.\d+$/)]);
      expect(asked[0]!.jest).toBeUndefined();
      expect(asked[1]!.jest).toBeDefined();
      expect(prod).toMatchObject({
        kind: 'answered',
        advisories: [
          { package: 'pg', severity: 'critical', url: 'https://github.com/advisories/GHSA-drill-0001' },
        ],
      });
      const report = new DrillReport('supply-chain', false);
      recordAudit(report, 'prod', 'production dependencies', prod);
      recordAudit(report, 'all', 'all dependencies', all);
      expect(report.failures).toEqual([
        'high or critical advisories (prod): 1 (expected ≤ 0)',
        'high or critical advisories (all): 1 (expected ≤ 0)',
      ]);
      expect(report.notes).toContain(
        'Advisory (prod): pg <1000.0.0 — critical — a drill advisory — https://github.com/advisories/GHSA-drill-0001',
      );
    } finally {
      await closeServer(server);
    }
  }, 90_000);
});
