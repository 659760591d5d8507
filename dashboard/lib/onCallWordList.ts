/** onCallWordList joins words as an English list: "A", "A and B", "A, B and C"; an empty list is "nobody". */
export function onCallWordList(items: readonly string[]): string {
  if (items.length === 0) return 'nobody';
  if (items.length === 1) return items[0]!;
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)!}`;
}
