import type { Page } from 'playwright-core';

/** Overflow is how wide the page scrolls against how wide it shows, and which elements stick out past the edge. */
export interface Overflow {
  scrollWidth: number;
  clientWidth: number;
  /** culprits are the outermost elements whose right edge passes the viewport's, as tag#id.class (width px). */
  culprits: string[];
}

// The repo compiles without the DOM lib (its code runs on Node); this is the little of the DOM read in the page.
interface El {
  tagName: string;
  id: string;
  className: unknown;
  parentElement: El | null;
  getBoundingClientRect(): { right: number; width: number };
}
interface BrowserGlobals {
  document: {
    scrollingElement: { scrollWidth: number; clientWidth: number } | null;
    documentElement: { scrollWidth: number; clientWidth: number };
    body: El & { querySelectorAll(selector: string): Iterable<El> };
  };
  getComputedStyle(el: El): { overflowX: string };
}

/** measureOverflow measures the page's horizontal overflow and names the elements that cause it. */
export function measureOverflow(page: Page): Promise<Overflow> {
  return page.evaluate(() => {
    const { document, getComputedStyle } = globalThis as unknown as BrowserGlobals;
    const root = document.scrollingElement ?? document.documentElement;
    const edge = root.clientWidth + 1;
    const sticksOut = (el: El) => el.getBoundingClientRect().right > edge;
    // Content inside a scroll box (a wide table in .table-scroll) sticks out of nothing the page scrolls.
    const clipped = (el: El) => {
      for (let p = el.parentElement; p !== null && p !== document.body; p = p.parentElement)
        if (getComputedStyle(p).overflowX !== 'visible') return true;
      return false;
    };
    const culprits: string[] = [];
    for (const el of Array.from(document.body.querySelectorAll('*'))) {
      // Only the outermost offender is named: its children stick out because it does.
      if (!sticksOut(el) || (el.parentElement !== null && sticksOut(el.parentElement)) || clipped(el))
        continue;
      const cls =
        typeof el.className === 'string' && el.className.trim() !== ''
          ? `.${el.className.trim().split(/\s+/).join('.')}`
          : '';
      const width = Math.round(el.getBoundingClientRect().width);
      culprits.push(`${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${cls} (${width} px)`);
      if (culprits.length >= 10) break;
    }
    return { scrollWidth: root.scrollWidth, clientWidth: root.clientWidth, culprits };
  });
}
