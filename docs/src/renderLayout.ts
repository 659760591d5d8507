import { escapeHtml } from './escapeHtml';
import { relativeHref } from './relativeHref';
import type { SitePage } from './SitePage';

/** STYLESHEET_PATH and MERMAID_PATH are where the build puts the site's stylesheet and mermaid script. */
export const STYLESHEET_PATH = 'assets/site.css';
/** MERMAID_PATH is the local copy of mermaid.min.js, so diagrams render with no network. */
export const MERMAID_PATH = 'assets/mermaid.min.js';

/** renderLayout wraps a page body in the site's HTML: title, stylesheet, sidebar, and mermaid where needed. */
export function renderLayout(page: SitePage, body: string, nav: string): string {
  const css = escapeHtml(relativeHref(page.output, STYLESHEET_PATH));
  // mermaid.min.js is 3.5 MB: only pages that draw a diagram load it.
  const mermaid = body.includes('<pre class="mermaid">')
    ? `<script src="${escapeHtml(relativeHref(page.output, MERMAID_PATH))}"></script>\n<script>mermaid.initialize({ startOnLoad: true, securityLevel: 'strict' });</script>\n`
    : '';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(page.title)} · Sightline docs</title>
<link rel="stylesheet" href="${css}">
</head>
<body>
<a class="skip" href="#content">Skip to the content</a>
<div class="layout">
${nav}
<main id="content">
<article>
${body}</article>
<footer>Source: <code>${escapeHtml(page.source)}</code></footer>
</main>
</div>
${mermaid}</body>
</html>
`;
}
