/** SITE_SECTIONS are the sidebar groups pages are listed under, in sidebar order; unknown docs/ folders follow. */
export const SITE_SECTIONS = ['Start here', 'Guides', 'Services', 'Runbooks', 'Decisions (ADRs)'] as const;

/** SitePage is one page of the docs site: where its Markdown comes from, where its HTML goes, and its title. */
export interface SitePage {
  /** Repository-relative path of the Markdown source, with `/` separators. */
  readonly source: string;
  /** Site-relative path of the HTML page, with `/` separators. */
  readonly output: string;
  /** Sidebar group: one of SITE_SECTIONS, or a docs/ sub-folder's name for folders the site does not know. */
  readonly section: string;
  /** The text of the page's first `#` heading. */
  readonly title: string;
  /** The Markdown source, or '' for a generated page whose source file does not exist. */
  readonly markdown: string;
}
