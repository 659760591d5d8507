import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildOpenApiDocument } from '../../../api/src/openapi/buildOpenApiDocument';
import { buildSite } from '../../src/buildSite';
import type { OpenApiDocument } from '../../src/OpenApiDocument';
import type { SitePage } from '../../src/SitePage';

/** REPO_ROOT is the repository this docs workspace lives in. */
export const REPO_ROOT = join(__dirname, '..', '..', '..');

/** RepoSite is this repository's docs site, built into a temporary folder. */
export interface RepoSite {
  readonly outDir: string;
  readonly pages: readonly SitePage[];
  readonly openApi: OpenApiDocument;
  /** read returns the HTML of a page by its site path. */
  read(output: string): string;
  remove(): void;
}

/** buildRepoSite builds this repository's docs site, as `npm run docs:build` does, into a temporary folder. */
export function buildRepoSite(): RepoSite {
  const outDir = join(mkdtempSync(join(tmpdir(), 'sightline-docs-')), 'site');
  const openApi = buildOpenApiDocument() as OpenApiDocument;
  const { pages } = buildSite({ repoRoot: REPO_ROOT, outDir, openApi });
  return {
    outDir,
    pages,
    openApi,
    read: (output) => readFileSync(join(outDir, ...output.split('/')), 'utf8'),
    remove: () => rmSync(join(outDir, '..'), { recursive: true, force: true }),
  };
}
