import type { Token } from 'marked';

/** MarkdownChunk is lexed Markdown with the file it was written in, against which its relative links resolve. */
export interface MarkdownChunk {
  readonly source: string;
  readonly tokens: Token[];
}
