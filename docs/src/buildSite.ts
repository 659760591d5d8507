import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { collectPages, SERVICE_DIRS } from './collectPages';
import { configurationChunks } from './configurationChunks';
import type { LinkContext } from './LinkContext';
import { loadMarked } from './loadMarked';
import type { MarkdownChunk } from './MarkdownChunk';
import type { OpenApiDocument } from './OpenApiDocument';
import { renderApiReference } from './renderApiReference';
import { MERMAID_PATH, renderLayout, STYLESHEET_PATH } from './renderLayout';
import { renderMarkdown } from './renderMarkdown';
import { renderNav } from './renderNav';
import { rewriteLinks } from './rewriteLinks';
import { SiteBuildError } from './SiteBuildError';
import type { SitePage } from './SitePage';
import { SITE_STYLESHEET } from './siteStylesheet';
import { Slugger } from './Slugger';

// Written into every build, so a rebuild may clear the folder without ever deleting something else.
const MARKER = '.sightline-docs-site';

/** BuildSiteOptions says where the docs come from, where the site goes, and what the API reference shows. */
export interface BuildSiteOptions {
  /** The repository root: docs/ and the service folders are read from here. */
  readonly repoRoot: string;
  /** Where the site is written. An earlier build there is replaced; any other non-empty folder is refused. */
  readonly outDir: string;
  /** The public API's OpenAPI document, rendered as the API reference. */
  readonly openApi: OpenApiDocument;
  /** Base URL of the repository's files (e.g. a GitHub `blob/main/` URL) for links to files that are not pages. */
  readonly sourceUrl?: string;
  /** Folders whose README.md becomes a service page; SERVICE_DIRS by default. */
  readonly serviceDirs?: readonly string[];
}

/** SiteBuildResult lists the pages a build wrote. */
export interface SiteBuildResult {
  readonly outDir: string;
  readonly pages: readonly SitePage[];
}

/**
 * buildSite turns the Markdown under docs/ and each service's README into a static HTML site with a sidebar,
 * local mermaid diagrams, a configuration reference and an API reference; any broken internal link, missing
 * title or clash of pages throws a SiteBuildError naming the file, and nothing is written.
 */
export function buildSite(options: BuildSiteOptions): SiteBuildResult {
  const { repoRoot, outDir } = options;
  const serviceDirs = options.serviceDirs ?? SERVICE_DIRS;
  const pages = collectPages(repoRoot, serviceDirs);
  const context: LinkContext = {
    repoRoot,
    outDir,
    pages: new Map(pages.map((p) => [p.source, p])),
    sourceUrl: options.sourceUrl,
    problems: [],
    anchorChecks: [],
    assets: new Map(),
  };
  const marked = loadMarked();
  const inline = (markdown: string) => marked.parseInline(markdown) as string;

  const bodies = new Map<SitePage, string>();
  for (const page of pages) {
    const slugger = new Slugger();
    const chunks: MarkdownChunk[] = [{ source: page.source, tokens: marked.lexer(page.markdown) }];
    if (page.source === 'docs/configuration.md') chunks.push(...configurationChunks(repoRoot, serviceDirs));
    let body = chunks
      .map((chunk) => {
        rewriteLinks(chunk.tokens, chunk.source, page.output, context);
        return renderMarkdown(chunk.tokens, slugger);
      })
      .join('');
    if (page.source === 'docs/api-reference.md') body += renderApiReference(options.openApi, inline, slugger);
    bodies.set(page, body);
  }

  const problems = [...context.problems, ...brokenAnchors(context, pages, bodies)];
  if (problems.length > 0) throw new SiteBuildError(problems);

  prepareOutDir(outDir);
  for (const page of pages) {
    const file = join(outDir, ...page.output.split('/'));
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, renderLayout(page, bodies.get(page)!, renderNav(pages, page)));
  }
  writeAsset(outDir, STYLESHEET_PATH, SITE_STYLESHEET);
  const mermaid = join(
    dirname(createRequire(__filename).resolve('mermaid/package.json')),
    'dist',
    'mermaid.min.js',
  );
  copyAsset(join(outDir, ...MERMAID_PATH.split('/')), mermaid);
  for (const [file, sitePath] of context.assets) {
    copyAsset(join(outDir, ...sitePath.split('/')), join(repoRoot, ...file.split('/')));
  }
  return { outDir, pages };
}

function brokenAnchors(context: LinkContext, pages: SitePage[], bodies: Map<SitePage, string>): string[] {
  const ids = new Map(
    pages.map((p) => [p.output, new Set([...bodies.get(p)!.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]!))]),
  );
  return context.anchorChecks
    .filter((check) => {
      let fragment = check.fragment;
      try {
        fragment = decodeURIComponent(fragment);
      } catch {
        // Left as written: it then matches no id and is reported.
      }
      return !ids.get(check.page)?.has(fragment);
    })
    .map(
      (check) =>
        `${check.from}: broken link "${check.href}" (no heading #${check.fragment} in ${check.pageSource})`,
    );
}

function prepareOutDir(outDir: string): void {
  if (existsSync(outDir) && readdirSync(outDir).length > 0) {
    if (!existsSync(join(outDir, MARKER))) {
      throw new SiteBuildError([
        `${outDir}: not empty and not an earlier docs build; refusing to overwrite it`,
      ]);
    }
    rmSync(outDir, { recursive: true, force: true });
  }
  mkdirSync(outDir, { recursive: true });
  writeFileSync(
    join(outDir, MARKER),
    'Built by docs/src/buildSite.ts; the whole folder is replaced on each build.\n',
  );
}

function writeAsset(outDir: string, sitePath: string, text: string): void {
  const file = join(outDir, ...sitePath.split('/'));
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
}

function copyAsset(to: string, from: string): void {
  mkdirSync(dirname(to), { recursive: true });
  copyFileSync(from, to);
}
