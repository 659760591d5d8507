// `npm run docs:build`: docs/ and the service READMEs → a static site in docs/site-dist (or the folder given).
//   node scripts/run-ts.mjs docs/src/build.main.ts [outDir]
// DOCS_SOURCE_URL sets where links to source files point (default: the repository on GitHub, where the alert
// runbook links point too); DOCS_SOURCE_URL= (empty) points them into this checkout instead.
import { resolve } from 'node:path';
import { buildOpenApiDocument } from '../../api/src/openapi/buildOpenApiDocument';
import { buildSite } from './buildSite';
import type { OpenApiDocument } from './OpenApiDocument';
import { SiteBuildError } from './SiteBuildError';

const DEFAULT_SOURCE_URL = 'https://github.com/sightline/sightline/blob/main/';

const repoRoot = process.cwd();
const outDir = resolve(process.argv[2] ?? 'docs/site-dist');
const sourceUrl = process.env.DOCS_SOURCE_URL ?? DEFAULT_SOURCE_URL;
try {
  const { pages } = buildSite({
    repoRoot,
    outDir,
    // The generator needs no server or database; it is the same document the api serves at /openapi.json.
    // Its openapi3-ts type is looser (a schema may be a reference anywhere); the JSON is the same.
    openApi: buildOpenApiDocument() as OpenApiDocument,
    sourceUrl: sourceUrl === '' ? undefined : sourceUrl,
  });
  process.stdout.write(`wrote ${pages.length} pages to ${outDir}\n`);
} catch (err) {
  if (!(err instanceof SiteBuildError)) throw err;
  process.stderr.write(`${err.message}\n`);
  process.exitCode = 1;
}
