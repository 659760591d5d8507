/**
 * truncateText shortens a text to at most `max` UTF-16 code units, ending it with an ellipsis when it had to cut, and
 * never splits a surrogate pair (so an emoji at the cut does not become an invalid string).
 */
export function truncateText(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 0) return '';
  let end = max - 1;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1;
  return `${text.slice(0, end)}…`;
}
