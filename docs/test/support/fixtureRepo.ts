import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { OpenApiDocument } from '../../src/OpenApiDocument';

/** FixtureRepo is a small repository on disk to build a site from, with its files given as text. */
export interface FixtureRepo {
  readonly root: string;
  readonly outDir: string;
  write(path: string, text: string): void;
  remove(): void;
}

/** fixtureRepo writes the given files into a fresh temporary repository; docs/index.md is there unless replaced. */
export function fixtureRepo(files: Record<string, string>): FixtureRepo {
  const base = mkdtempSync(join(tmpdir(), 'sightline-docs-fixture-'));
  const root = join(base, 'repo');
  const write = (path: string, text: string) => {
    const file = join(root, ...path.split('/'));
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text);
  };
  for (const [path, text] of Object.entries({ 'docs/index.md': '# Home\n\nWelcome.\n', ...files })) {
    write(path, text);
  }
  return {
    root,
    outDir: join(base, 'site'),
    write,
    remove: () => rmSync(base, { recursive: true, force: true }),
  };
}

/** TINY_OPENAPI is an OpenAPI document with one operation, for sites whose API reference is beside the point. */
export const TINY_OPENAPI: OpenApiDocument = {
  openapi: '3.1.0',
  info: { title: 'Fixture API', version: '1.0.0' },
  paths: {
    '/v1/ping': { get: { summary: 'Answers pong', responses: { '200': { description: 'pong' } } } },
  },
};
