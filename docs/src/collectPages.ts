import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, posix } from 'node:path';
import { loadMarked } from './loadMarked';
import { SiteBuildError } from './SiteBuildError';
import type { SitePage } from './SitePage';

/** SERVICE_DIRS are the top-level folders whose README.md becomes a page under services/, in sidebar order. */
export const SERVICE_DIRS = [
  'gateway',
  'auth',
  'collector',
  'alerting',
  'api',
  'dashboard',
  'reports',
  'demo',
  'rules',
  'grafana',
  'helm',
  'infra',
  'bench',
] as const;

/** GENERATED_PAGES are pages whose body the build appends to the Markdown (if any), keyed by source path. */
export const GENERATED_PAGES: Record<string, string> = {
  'docs/configuration.md': 'Configuration reference',
  'docs/api-reference.md': 'API reference',
};

// Top-level docs pages in reading order for a newcomer; any other top-level page follows, by file name.
const START_HERE_ORDER = [
  'index',
  'deploy-guide',
  'operations',
  'configuration',
  'api-reference',
  'architecture',
  'traceability',
];
const FOLDER_SECTIONS: Record<string, string> = {
  guides: 'Guides',
  runbooks: 'Runbooks',
  adr: 'Decisions (ADRs)',
};
// Folders of docs/ that hold the generator itself or its output, not pages.
const NOT_PAGES = new Set(['src', 'test', 'site-dist', 'node_modules']);

/** collectPages finds every page of the site: the Markdown under docs/ and the README of each service folder. */
export function collectPages(repoRoot: string, serviceDirs: readonly string[] = SERVICE_DIRS): SitePage[] {
  const problems: string[] = [];
  const docs = markdownUnder(repoRoot, 'docs').map((source) => docsPage(repoRoot, source, problems));
  for (const [source, title] of Object.entries(GENERATED_PAGES)) {
    if (!docs.some((p) => p.source === source)) {
      docs.push({ source, output: outputOf(source), section: 'Start here', title, markdown: '' });
    }
  }
  if (!docs.some((p) => p.source === 'docs/index.md')) {
    problems.push("docs/index.md: missing; it is the site's home page");
  }
  const services = serviceDirs
    .map((dir) => `${dir}/README.md`)
    .filter((source) => existsSync(join(repoRoot, source)))
    .map((source) => page(repoRoot, source, `services/${posix.dirname(source)}.html`, 'Services', problems));
  const pages = [...docs.sort(byReadingOrder), ...services];
  const bySite = new Map<string, string>();
  for (const p of pages) {
    const other = bySite.get(p.output);
    if (other) problems.push(`${p.source}: would be written to ${p.output}, like ${other}`);
    bySite.set(p.output, p.source);
  }
  if (problems.length > 0) throw new SiteBuildError(problems);
  return pages;
}

function docsPage(repoRoot: string, source: string, problems: string[]): SitePage {
  const folder = source.split('/').length > 2 ? source.split('/')[1]! : '';
  const section = folder === '' ? 'Start here' : (FOLDER_SECTIONS[folder] ?? capitalise(folder));
  return page(repoRoot, source, outputOf(source), section, problems);
}

function page(
  repoRoot: string,
  source: string,
  output: string,
  section: string,
  problems: string[],
): SitePage {
  const markdown = readFileSync(join(repoRoot, source), 'utf8');
  const heading = loadMarked()
    .lexer(markdown)
    .find((t) => t.type === 'heading' && t.depth === 1);
  const title = heading?.type === 'heading' ? plainText(heading.text) : (GENERATED_PAGES[source] ?? '');
  if (title === '') problems.push(`${source}: has no "# " title`);
  return { source, output, section, title, markdown };
}

function outputOf(source: string): string {
  return source.replace(/^docs\//, '').replace(/\.md$/, '.html');
}

function markdownUnder(repoRoot: string, dir: string): string[] {
  return readdirSync(join(repoRoot, dir))
    .sort()
    .flatMap((name) => {
      const path = `${dir}/${name}`;
      if (statSync(join(repoRoot, path)).isDirectory()) {
        return dir === 'docs' && NOT_PAGES.has(name) ? [] : markdownUnder(repoRoot, path);
      }
      return name.endsWith('.md') ? [path] : [];
    });
}

function byReadingOrder(a: SitePage, b: SitePage): number {
  const rank = (p: SitePage) => {
    const i = START_HERE_ORDER.indexOf(posix.basename(p.source, '.md'));
    return p.section === 'Start here' && i >= 0 ? i : START_HERE_ORDER.length;
  };
  return rank(a) - rank(b) || a.source.localeCompare(b.source);
}

// The sidebar shows titles as text: inline code, emphasis and links lose their markup.
function plainText(markdown: string): string {
  return markdown
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[`*]/g, '')
    .trim();
}

function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}
