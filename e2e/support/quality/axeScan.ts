import { readFileSync } from 'node:fs';
import type { AxeResults, RunOptions } from 'axe-core';
import type { Page } from 'playwright-core';

/** AxeFinding is one axe rule a page breaks, with every element that breaks it. */
export interface AxeFinding {
  id: string;
  impact: string | null;
  help: string;
  helpUrl: string;
  nodes: { target: string; html: string; summary: string }[];
}

/** WCAG_A_AA_TAGS are axe's rule tags for WCAG 2.0 and 2.1, levels A and AA. */
export const WCAG_A_AA_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] as const;

type AxeRun = (context: unknown, options: RunOptions) => Promise<AxeResults>;

// Read once: the same axe build is injected into every page, so every page is held to the same rules.
const AXE_SOURCE = readFileSync(require.resolve('axe-core'), 'utf8');

/**
 * axeScan runs axe-core's WCAG 2 A/AA rules on the page as it is now and returns what it breaks; the page's context
 * must bypass CSP, since axe goes in as an inline script.
 */
export async function axeScan(page: Page): Promise<AxeFinding[]> {
  await page.addScriptTag({ content: AXE_SOURCE });
  const options: RunOptions = {
    runOnly: { type: 'tag', values: [...WCAG_A_AA_TAGS] },
    resultTypes: ['violations'],
  };
  const results = await page.evaluate((opts) => {
    // The repo compiles without the DOM lib; the page has a document and, now, axe.
    const page = globalThis as unknown as { document: unknown; axe: { run: AxeRun } };
    return page.axe.run(page.document, opts);
  }, options);
  return results.violations.map((v) => ({
    id: v.id,
    impact: v.impact ?? null,
    help: v.help,
    helpUrl: v.helpUrl,
    nodes: v.nodes.map((n) => ({
      target: n.target.map(String).join(' '),
      html: n.html.slice(0, 200),
      summary: (n.failureSummary ?? '').replace(/\s+/g, ' ').trim(),
    })),
  }));
}
