import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';
import { buildSite } from '../src/buildSite';
import { buildRepoSite } from './support/buildRepoSite';
import type { RepoSite } from './support/buildRepoSite';
import { fixtureRepo, TINY_OPENAPI } from './support/fixtureRepo';

// Opens a built page and waits until mermaid has drawn each of its diagrams; returns how many it drew as
// mermaid's error picture ("Syntax error in text").
async function drawnWithErrors(page: Page, file: string): Promise<{ diagrams: number; errors: number }> {
  await page.goto(pathToFileURL(file).href);
  const diagrams = await page.locator('pre.mermaid').count();
  // Each block gets exactly one drawing, so the n-th drawing to exist means every block has one.
  await page
    .locator('pre.mermaid[data-processed="true"] svg')
    .nth(Math.max(0, diagrams - 1))
    .waitFor({ timeout: 20000 });
  const errors = await page.locator('pre.mermaid svg[aria-roledescription="error"]').count();
  return { diagrams, errors };
}

describe('mermaid diagrams in a browser without network', () => {
  let site: RepoSite;
  let browser: Browser;

  beforeAll(async () => {
    site = buildRepoSite();
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
  });

  afterAll(async () => {
    await browser?.close();
    site?.remove();
  });

  it('draws every diagram of every page that has one as an SVG, from the local script alone', async () => {
    const pages = site.pages.filter((p) => site.read(p.output).includes('<pre class="mermaid">'));
    expect(pages.map((p) => p.source)).toContain('docs/architecture.md');
    const context = await browser.newContext();
    const outside: string[] = [];
    await context.route(/^(?!file:)/, async (route) => {
      outside.push(route.request().url());
      await route.abort();
    });
    const page = await context.newPage();
    const scriptErrors: string[] = [];
    page.on('pageerror', (e) => scriptErrors.push(e.message));
    for (const p of pages) {
      const drawn = await drawnWithErrors(page, join(site.outDir, p.output));
      expect([p.source, drawn.diagrams > 0, drawn.errors]).toEqual([p.source, true, 0]);
    }
    expect(scriptErrors).toEqual([]);
    expect(outside).toEqual([]);
    await context.close();
  });

  it('shows a diagram with a syntax error as an error drawing, which the check above counts', async () => {
    const repo = fixtureRepo({
      'docs/index.md': '# Home\n\n```mermaid\nflowchart LR\n  a -->\n  ((( b\n```\n',
    });
    try {
      buildSite({ repoRoot: repo.root, outDir: repo.outDir, openApi: TINY_OPENAPI, serviceDirs: [] });
      const page = await browser.newPage();
      expect(await drawnWithErrors(page, join(repo.outDir, 'index.html'))).toEqual({
        diagrams: 1,
        errors: 1,
      });
      await page.close();
    } finally {
      repo.remove();
    }
  });
});
