import { escapeHtml } from './escapeHtml';
import { relativeHref } from './relativeHref';
import { SITE_SECTIONS } from './SitePage';
import type { SitePage } from './SitePage';

/** renderNav writes the sidebar: every page, grouped by section, with links relative to the current page. */
export function renderNav(pages: readonly SitePage[], current: SitePage): string {
  const sections = [...SITE_SECTIONS, ...pages.map((p) => p.section)].filter(
    (s, i, all) => all.indexOf(s) === i && pages.some((p) => p.section === s),
  );
  const groups = sections.map((section) => {
    const items = pages
      .filter((p) => p.section === section)
      .map((p) => {
        const here = p === current ? ' aria-current="page"' : '';
        return `<li><a href="${escapeHtml(relativeHref(current.output, p.output))}"${here}>${escapeHtml(p.title)}</a></li>`;
      });
    return `<h2>${escapeHtml(section)}</h2>\n<ul>\n${items.join('\n')}\n</ul>`;
  });
  const home = escapeHtml(relativeHref(current.output, 'index.html'));
  return `<nav class="sidebar" aria-label="Documentation">\n<a class="brand" href="${home}">Sightline docs</a>\n${groups.join('\n')}\n</nav>`;
}
