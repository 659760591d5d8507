import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { SERVICE_DIRS } from '../src/collectPages';
import { buildRepoSite, REPO_ROOT } from './support/buildRepoSite';
import type { RepoSite } from './support/buildRepoSite';

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

function markdownUnderDocs(dir = 'docs'): string[] {
  return readdirSync(join(REPO_ROOT, dir), { withFileTypes: true }).flatMap((e) => {
    const path = `${dir}/${e.name}`;
    if (e.isDirectory())
      return ['src', 'test', 'site-dist', 'node_modules'].includes(e.name) ? [] : markdownUnderDocs(path);
    return e.name.endsWith('.md') ? [path] : [];
  });
}

function unescape(html: string): string {
  const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" };
  return html.replace(/&(amp|lt|gt|quot|#39);/g, (_, e: string) => entities[e]!);
}

function hrefsOf(html: string): string[] {
  return [...html.matchAll(/<a [^>]*href="([^"]*)"/g)].map((m) => m[1]!);
}

describe("this repository's docs site", () => {
  let site: RepoSite;

  beforeAll(() => {
    site = buildRepoSite();
  });

  afterAll(() => site?.remove());

  it('has a page for every Markdown file under docs/ and for every service README', () => {
    const expected = [
      ...markdownUnderDocs(),
      ...SERVICE_DIRS.map((d) => `${d}/README.md`).filter((f) => existsSync(join(REPO_ROOT, f))),
    ].sort();
    expect(site.pages.map((p) => p.source).sort()).toEqual(expected);
    for (const page of site.pages)
      expect([page.output, existsSync(join(site.outDir, page.output))]).toEqual([page.output, true]);
    expect(site.pages.find((p) => p.source === 'gateway/README.md')?.output).toBe('services/gateway.html');
    expect(site.pages.find((p) => p.source === 'docs/adr/0001-kysely-instead-of-prisma.md')?.output).toBe(
      'adr/0001-kysely-instead-of-prisma.html',
    );
  });

  it('gives every page its title and a sidebar linking every page, with the current one marked', () => {
    for (const page of site.pages) {
      const html = site.read(page.output);
      expect(page.title).not.toBe('');
      expect(unescape(/<title>([^<]*)<\/title>/.exec(html)?.[1] ?? '')).toBe(
        `${page.title} · Sightline docs`,
      );
      expect(html).toMatch(/<h1 id="[^"]+">/);
      const nav = /<nav class="sidebar"[\s\S]*?<\/nav>/.exec(html)?.[0] ?? '';
      const targets = hrefsOf(nav).map((href) =>
        posix.normalize(posix.join(posix.dirname(page.output), href)),
      );
      expect(targets).toEqual(expect.arrayContaining(site.pages.map((p) => p.output)));
      expect(nav.match(/aria-current="page"/g)).toHaveLength(1);
    }
  });

  it('turns mermaid code blocks into <pre class="mermaid"> and loads the local copy of mermaid there only', () => {
    const architecture = site.read('architecture.html');
    expect(architecture).toContain('<pre class="mermaid">flowchart LR');
    expect(architecture).not.toContain('language-mermaid');
    expect(architecture).toContain('<script src="assets/mermaid.min.js"></script>');
    expect(architecture).not.toMatch(/<script[^>]+src="(https?:)?\/\//);
    const copied = readFileSync(join(site.outDir, 'assets', 'mermaid.min.js'));
    expect(copied.equals(readFileSync(require.resolve('mermaid/dist/mermaid.min.js')))).toBe(true);
    expect(site.read('adr/0001-kysely-instead-of-prisma.html')).not.toContain('mermaid.min.js');
  });

  it('rewrites links between pages from .md to .html, relative to where each page lands', () => {
    const gateway = site.read('services/gateway.html');
    expect(gateway).toContain('href="../adr/0004-gateway-rate-limiting.html"');
    expect(gateway).toContain('href="../runbooks/gateway-limits-during-an-incident.html"');
    for (const page of site.pages) {
      const local = hrefsOf(site.read(page.output)).filter((h) => !/^[a-z]+:/i.test(h));
      for (const href of local) {
        const target = href.replace(/#.*$/, '');
        if (target === '') continue;
        expect([
          page.output,
          href,
          existsSync(join(site.outDir, posix.join(posix.dirname(page.output), target))),
        ]).toEqual([page.output, href, true]);
      }
    }
  });

  it('lists every path and method of the OpenAPI document on the API reference page', () => {
    const html = site.read('api-reference.html');
    const operations = Object.entries(site.openApi.paths ?? {}).flatMap(([path, item]) =>
      METHODS.filter((m) => item[m] !== undefined).map(
        (m) => `${m.toUpperCase()}</span> <code>${path}</code>`,
      ),
    );
    expect(operations.length).toBeGreaterThan(40);
    for (const operation of operations) expect(html).toContain(operation);
    for (const name of Object.keys(site.openApi.components?.schemas ?? {})) {
      expect(html).toContain(`id="schema-${name}"`);
    }
  });

  it("gathers every variable of each README's configuration table into the configuration page", () => {
    const html = site.read('configuration.html');
    for (const readme of ['README.md', ...SERVICE_DIRS.map((d) => `${d}/README.md`)]) {
      if (!existsSync(join(REPO_ROOT, readme))) continue;
      const text = readFileSync(join(REPO_ROOT, readme), 'utf8');
      const sections = text
        .split(/^(?=#{2,3} )/m)
        .filter((s) => /^#{2,3} (config|.*configuration\s*$)/im.test(s.split('\n')[0]!));
      const variables = sections.flatMap((s) =>
        [...s.matchAll(/^\| `([A-Z][A-Z0-9_]+)`/gm)].map((m) => m[1]!),
      );
      for (const variable of variables)
        expect([readme, html.includes(`<code>${variable}</code>`)]).toEqual([readme, true]);
    }
    expect(html).toContain('<code>DATABASE_URL</code>');
    expect(html).toContain('<code>COLLECTOR_API_KEYS</code>');
  });
});
