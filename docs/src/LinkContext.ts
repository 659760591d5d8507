import type { SitePage } from './SitePage';

/** AnchorCheck is a link to a heading, checked once every page is rendered and its ids are known. */
export interface AnchorCheck {
  /** Source file the link is written in. */
  readonly from: string;
  /** The link as written. */
  readonly href: string;
  /** Site path of the page it points to. */
  readonly page: string;
  /** Source file of that page, for the message. */
  readonly pageSource: string;
  readonly fragment: string;
}

/** LinkContext is what link rewriting needs to know about the site, and where it records what it finds. */
export interface LinkContext {
  readonly repoRoot: string;
  readonly outDir: string;
  /** Every page by its repository-relative source path. */
  readonly pages: ReadonlyMap<string, SitePage>;
  /** Base URL for links to repository files that are not pages; without it they point into the checkout. */
  readonly sourceUrl: string | undefined;
  readonly problems: string[];
  readonly anchorChecks: AnchorCheck[];
  /** Images to copy into the site: repository path → site path. */
  readonly assets: Map<string, string>;
}
