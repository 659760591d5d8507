/** Slugger gives headings GitHub's anchor ids, so a `page.md#some-heading` link works on GitHub and on the site. */
export class Slugger {
  private readonly seen = new Map<string, number>();

  /** slug returns the id of a heading with this plain text, suffixed -1, -2… when the page already has it. */
  slug(text: string): string {
    const base = text
      .trim()
      .toLowerCase()
      .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
      .replace(/ /g, '-');
    const count = this.seen.get(base);
    this.seen.set(base, (count ?? -1) + 1);
    return count === undefined ? base : `${base}-${count + 1}`;
  }

  /** reserve marks an id as taken, for ids the page gets from somewhere other than a heading. */
  reserve(id: string): void {
    if (!this.seen.has(id)) this.seen.set(id, 0);
  }
}
