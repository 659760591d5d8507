/** parseEmailList splits what was typed into addresses: one per line, or separated by commas, semicolons or spaces. */
export function parseEmailList(text: string): string[] {
  return text
    .split(/[\s,;]+/)
    .map((e) => e.trim())
    .filter((e) => e !== '');
}
