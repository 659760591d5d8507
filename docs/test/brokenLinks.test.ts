import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSite } from '../src/buildSite';
import { SiteBuildError } from '../src/SiteBuildError';
import { fixtureRepo, TINY_OPENAPI } from './support/fixtureRepo';
import type { FixtureRepo } from './support/fixtureRepo';

function buildError(repo: FixtureRepo): SiteBuildError {
  try {
    buildSite({ repoRoot: repo.root, outDir: repo.outDir, openApi: TINY_OPENAPI, serviceDirs: ['svc'] });
  } catch (err) {
    if (err instanceof SiteBuildError) return err;
    throw err;
  }
  throw new Error('the build succeeded');
}

describe('links in the docs site', () => {
  const repos: FixtureRepo[] = [];
  const repo = (files: Record<string, string>) => {
    const r = fixtureRepo(files);
    repos.push(r);
    return r;
  };

  afterAll(() => repos.forEach((r) => r.remove()));

  it('fails the build on a link to a missing file, naming the file and the link, and writes nothing', () => {
    const r = repo({ 'docs/guides/setup.md': '# Setup\n\nSee [the runbook](../runbooks/Nope.md) first.\n' });
    const err = buildError(r);
    expect(err.name).toBe('SiteBuildError');
    expect(err.problems).toEqual([
      'docs/guides/setup.md: broken link "../runbooks/Nope.md" (docs/runbooks/Nope.md does not exist)',
    ]);
    expect(err.message).toContain('docs/guides/setup.md: broken link "../runbooks/Nope.md"');
    expect(existsSync(r.outDir)).toBe(false);
  });

  it('fails the build on a link to a heading the target page does not have', () => {
    const r = repo({
      'docs/a.md': '# A\n\n[ok](b.md#real-heading), [typo](b.md#real-headnig), [here](#nowhere)\n',
      'docs/b.md': '# B\n\n## Real heading\n',
    });
    expect(buildError(r).problems).toEqual([
      'docs/a.md: broken link "b.md#real-headnig" (no heading #real-headnig in docs/b.md)',
      'docs/a.md: broken link "#nowhere" (no heading #nowhere in docs/a.md)',
    ]);
  });

  it('reports every broken link of every page at once, including links out of the repository', () => {
    const r = repo({
      'docs/a.md': '# A\n\n[design](../../shared/design/ARCHITECTURE.md)\n',
      'svc/README.md': '# svc\n\n![diagram](img/missing.png)\n',
    });
    expect(buildError(r).problems).toEqual([
      'docs/a.md: broken link "../../shared/design/ARCHITECTURE.md" (points outside the repository)',
      'svc/README.md: broken link "img/missing.png" (svc/img/missing.png does not exist)',
    ]);
  });

  it('fails the build on a page without a "# " title', () => {
    expect(buildError(repo({ 'docs/notes.md': 'Just text.\n' })).problems).toEqual([
      'docs/notes.md: has no "# " title',
    ]);
  });

  it('fails the build when two sources would become the same page', () => {
    expect(
      buildError(repo({ 'docs/services/svc.md': '# Svc notes\n', 'svc/README.md': '# svc\n' })).problems,
    ).toEqual(['svc/README.md: would be written to services/svc.html, like docs/services/svc.md']);
  });

  it('rewrites links to pages, keeps anchors, points source files at the source URL and copies images', () => {
    const r = repo({
      'docs/runbooks/Boom.md': '# Boom\n\n## How to confirm\n',
      'docs/guide.md': [
        '# Guide',
        '',
        '[service](../svc/README.md) · [folder](../svc/) · [confirm](runbooks/Boom.md#how-to-confirm)',
        '[code](../svc/src/main.ts) · [web](https://example.com/x.md) · ![pic](../svc/pic.png)',
        '',
      ].join('\n'),
      'svc/README.md': '# svc\n\nBack to the [guide](../docs/guide.md).\n',
      'svc/src/main.ts': 'export {};\n',
      'svc/pic.png': 'not really a png',
    });
    buildSite({
      repoRoot: r.root,
      outDir: r.outDir,
      openApi: TINY_OPENAPI,
      serviceDirs: ['svc'],
      sourceUrl: 'https://git.example/repo/blob/main',
    });
    const guide = readFileSync(join(r.outDir, 'guide.html'), 'utf8');
    expect(guide).toContain('<a href="services/svc.html">service</a>');
    expect(guide).toContain('<a href="services/svc.html">folder</a>');
    expect(guide).toContain('<a href="runbooks/Boom.html#how-to-confirm">confirm</a>');
    expect(guide).toContain('<a href="https://git.example/repo/blob/main/svc/src/main.ts">code</a>');
    expect(guide).toContain('<a href="https://example.com/x.md">web</a>');
    expect(guide).toContain('<img src="files/svc/pic.png" alt="pic">');
    expect(readFileSync(join(r.outDir, 'files', 'svc', 'pic.png'), 'utf8')).toBe('not really a png');
    expect(readFileSync(join(r.outDir, 'services', 'svc.html'), 'utf8')).toContain(
      '<a href="../guide.html">guide</a>',
    );
  });

  it('points links to source files into the checkout when no source URL is given', () => {
    const r = repo({ 'docs/a.md': '# A\n\n[code](../svc/src/main.ts)\n', 'svc/src/main.ts': 'export {};\n' });
    buildSite({ repoRoot: r.root, outDir: r.outDir, openApi: TINY_OPENAPI, serviceDirs: [] });
    expect(readFileSync(join(r.outDir, 'a.html'), 'utf8')).toContain(
      '<a href="../repo/svc/src/main.ts">code</a>',
    );
  });

  it('replaces an earlier build but refuses to write into a folder it did not make', () => {
    const r = repo({ 'docs/a.md': '# A\n' });
    const build = () =>
      buildSite({ repoRoot: r.root, outDir: r.outDir, openApi: TINY_OPENAPI, serviceDirs: [] });
    build();
    r.write('docs/a.md', '# A again\n');
    build();
    expect(readFileSync(join(r.outDir, 'a.html'), 'utf8')).toContain('A again');
    const other = repo({ 'docs/b.md': '# B\n' });
    expect(() =>
      buildSite({ repoRoot: other.root, outDir: other.root, openApi: TINY_OPENAPI, serviceDirs: [] }),
    ).toThrow(/not empty and not an earlier docs build/);
    expect(existsSync(join(other.root, 'docs', 'b.md'))).toBe(true);
  });
});
