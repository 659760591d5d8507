import { existsSync, readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import type { Tokens } from 'marked';
import { loadMarked } from '../src/loadMarked';
import { REPO_ROOT } from './support/buildRepoSite';

const PAGE = 'docs/traceability.md';
const STATUSES = ['done', 'partial', 'not started'];

const marked = loadMarked();
const tokens = marked.lexer(readFileSync(join(REPO_ROOT, PAGE), 'utf8'));
const tables = tokens.filter((t): t is Tokens.Table => t.type === 'table');

function relativeLinks(): string[] {
  const hrefs: string[] = [];
  void marked.walkTokens(tokens, (t) => {
    if (t.type === 'link' && !/^[a-z][a-z0-9+.-]*:/i.test(t.href) && !t.href.startsWith('#'))
      hrefs.push(t.href);
  });
  return hrefs;
}

describe('the traceability matrix', () => {
  it('links only code and tests that exist in the repository', () => {
    const links = relativeLinks();
    expect(links.length).toBeGreaterThan(150);
    const missing = links.filter((href) => {
      const path = posix.normalize(posix.join('docs', decodeURI(href.replace(/#.*$/, ''))));
      return path.startsWith('..') || !existsSync(join(REPO_ROOT, path));
    });
    expect(missing).toEqual([]);
  });

  it('gives every requirement an id of its own, and a status of done, partial or not started', () => {
    expect(tables.length).toBeGreaterThanOrEqual(9);
    const ids: string[] = [];
    for (const table of tables) {
      const headers = table.header.map((h) => h.text);
      expect(headers).toEqual(['#', 'requirement', 'code', 'tests', 'status', 'notes']);
      for (const row of table.rows) {
        ids.push(row[0]!.text);
        expect([row[0]!.text, STATUSES.includes(row[4]!.text.trim())]).toEqual([row[0]!.text, true]);
      }
    }
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('explains every requirement that is not done', () => {
    for (const row of tables.flatMap((t) => t.rows)) {
      const status = row[4]!.text.trim();
      const explained = row[5]!.text.trim() !== '' || /^none yet$/.test(row[2]!.text.trim());
      if (status !== 'done') expect([row[0]!.text, explained]).toEqual([row[0]!.text, true]);
    }
  });

  it('covers the four user journeys of the design brief', () => {
    const ids = tables.flatMap((t) => t.rows.map((r) => r[0]!.text));
    for (const journey of ['J1', 'J2', 'J3', 'J4']) {
      expect(ids.some((id) => id.startsWith(`${journey}.`))).toBe(true);
    }
  });
});
