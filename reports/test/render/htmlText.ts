const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", nbsp: ' ' };

/**
 * htmlText is the text a reader sees in a rendered report: tags dropped, entities decoded, non-breaking
 * spaces as spaces and runs of white space collapsed, so tests can look for sentences.
 */
export function htmlText(html: string): string {
  return (
    html
      .replace(/<style>[\s\S]*?<\/style>/g, ' ')
      .replace(/<title>[\s\S]*?<\/title>/g, ' ')
      // Cells, blocks and SVG labels are separate words; inline tags (strong, span, code) are not.
      .replace(/<\/?(td|th|tr|p|h1|h2|div|dt|dd|text|br|section|header|footer|table|figure)\b[^>]*>/g, ' ')
      .replace(/<[^>]+>/g, '')
      .replace(/&(amp|lt|gt|quot|#39|nbsp);/g, (_, name: string) => entities[name] ?? '')
      .replace(/[\s\u00a0]+/g, ' ')
      .trim()
  );
}
