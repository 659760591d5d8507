import type { Token } from 'marked';
import { escapeHtml } from './escapeHtml';
import { loadMarked } from './loadMarked';
import type { Slugger } from './Slugger';

/**
 * renderMarkdown turns lexed Markdown into HTML: headings get GitHub's anchor ids from the page's slugger, and
 * mermaid code blocks become `<pre class="mermaid">`, which the mermaid script draws in the browser.
 */
export function renderMarkdown(tokens: Token[], slugger: Slugger): string {
  const { Marked } = loadMarked();
  const marked = new Marked({
    gfm: true,
    renderer: {
      heading({ tokens: inline, depth }) {
        const text = this.parser.parseInline(inline, this.parser.textRenderer);
        const id = slugger.slug(unescapeEntities(text));
        return `<h${depth} id="${escapeHtml(id)}">${this.parser.parseInline(inline)}</h${depth}>\n`;
      },
      code({ text, lang }) {
        if (lang?.trim() === 'mermaid') return `<pre class="mermaid">${escapeHtml(text)}</pre>\n`;
        return false;
      },
    },
  });
  return marked.parser(tokens);
}

// The text renderer keeps marked's escaping of &, <, > and quotes; GitHub slugs the characters themselves.
function unescapeEntities(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}
