/** HINT_BEARER and the other hints say which redaction patterns could match a text at all. */
export const HINT_BEARER = 1;
export const HINT_EMAIL = 2;
export const HINT_CARD = 4;
export const HINT_IPV4 = 8;
export const HINT_IPV6 = 16;
/** ALL_HINTS lets every pattern run. */
export const ALL_HINTS = 31;

const BEARER_WORD = /bearer/i;
const CARD_DIGITS = 13;

/**
 * sensitiveHints scans a text once for what each redaction pattern cannot match without: the word "bearer" (in any
 * ASCII case), an "@", 13 digits in a row with at most single spaces or dashes between them, a digit-dot-digit, two
 * colons. A pattern whose hint is missing would leave the text unchanged, so it need not run. Replacements only
 * ever remove characters or insert "[REDACTED]", "***" and the like, so they cannot give a later pattern a hint
 * the original text lacked, and hints taken before the first replacement hold for all of them.
 */
export function sensitiveHints(text: string): number {
  let hints = 0;
  let colons = 0;
  let maybeBearer = false;
  let run = 0;
  // The previous character: 0 other, 1 digit, 2 a dot after a digit, 3 a space or dash after a digit.
  let previous = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      if (previous === 2) hints |= HINT_IPV4;
      run = previous === 1 || previous === 3 ? run + 1 : 1;
      if (run >= CARD_DIGITS) hints |= HINT_CARD;
      previous = 1;
      continue;
    }
    if (previous === 1 && (c === 32 || c === 45)) {
      previous = 3;
      continue;
    }
    previous = previous === 1 && c === 46 ? 2 : 0;
    run = 0;
    if (c === 64) hints |= HINT_EMAIL;
    else if (c === 58) colons++;
    else if (c === 98 || c === 66) maybeBearer = true;
  }
  if (colons >= 2) hints |= HINT_IPV6;
  if (maybeBearer && BEARER_WORD.test(text)) hints |= HINT_BEARER;
  return hints;
}
