import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Token, Tokens } from 'marked';
import { loadMarked } from './loadMarked';
import type { MarkdownChunk } from './MarkdownChunk';

const PAGE = 'docs/configuration.md';
// "Configuration", "Config", "Configuration: demo upstream", "`npm start` configuration"; not "Limits and their
// configuration (Postgres)", which is data an operator changes through an API, not the process's settings.
const CONFIG_HEADING = /^config|\bconfiguration$/i;

/**
 * configurationChunks gathers the configuration sections (from a heading that starts with "Config" or ends with
 * "configuration" down to the next heading of its level) of the root README and of every service README, for the configuration reference page.
 */
export function configurationChunks(repoRoot: string, serviceDirs: readonly string[]): MarkdownChunk[] {
  const marked = loadMarked();
  const chunks: MarkdownChunk[] = [];
  const without: string[] = [];
  const readmes = [
    { source: 'README.md', label: 'launcher (`npm start`)' },
    ...serviceDirs.map((dir) => ({ source: `${dir}/README.md`, label: dir })),
  ].filter((r) => existsSync(join(repoRoot, r.source)));
  for (const { source, label } of readmes) {
    const sections = configSections(marked.lexer(readFileSync(join(repoRoot, source), 'utf8')));
    if (sections.length === 0) {
      without.push(label);
      continue;
    }
    chunks.push({
      source: PAGE,
      tokens: marked.lexer(`## ${label}\n\nFrom [${source}](../${source}).\n`),
    });
    chunks.push({ source, tokens: sections.flat() });
  }
  if (without.length > 0) {
    chunks.push({
      source: PAGE,
      tokens: marked.lexer(
        `## Without a configuration section\n\n${without.join(', ')}: their README has no configuration section.\n`,
      ),
    });
  }
  return chunks;
}

// Each section comes back with its headings moved under the service's level-2 heading; a heading that says
// only "Configuration" is dropped, since the service heading already says whose configuration it is.
function configSections(tokens: Token[]): Token[][] {
  const sections: Token[][] = [];
  for (let i = 0; i < tokens.length; i++) {
    const start = tokens[i]!;
    if (start.type !== 'heading' || !CONFIG_HEADING.test(start.text)) continue;
    const depth = (start as Tokens.Heading).depth;
    let end = i + 1;
    while (end < tokens.length) {
      const t = tokens[end]!;
      if (t.type === 'heading' && (t as Tokens.Heading).depth <= depth) break;
      end++;
    }
    const body = tokens.slice(i + 1, end);
    for (const t of body)
      if (t.type === 'heading') (t as Tokens.Heading).depth = Math.min(6, t.depth - depth + 3);
    const plain = /^config(uration)?$/i.test(start.text.trim());
    sections.push(plain ? body : [{ ...start, depth: 3 } as Tokens.Heading, ...body]);
    i = end - 1;
  }
  return sections;
}
