import { luhnValid } from './luhnValid';
import { HINT_BEARER, HINT_CARD, HINT_EMAIL, HINT_IPV4, HINT_IPV6, sensitiveHints } from './sensitiveHints';
import { truncateIPv4, truncateIPv6 } from './truncateIp';

/** REDACTED replaces a removed secret (bearer token, card number, blocked attribute). */
export const REDACTED = '[REDACTED]';

const EMAIL = /([A-Za-z0-9._%+-]{1,64})@([A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63})+)/g;
const BEARER = /\b(Bearer)\s+[A-Za-z0-9\-._~+/]+=*/gi;
const CARD = /(?<![\d-])\d(?:[ -]?\d){12,18}(?![\d-])/g;
const IPV4 = /(?<![\d.])\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}(?![\d.])/g;
const IPV6 =
  /(?<![0-9A-Za-z:])(?:[0-9A-Fa-f]{0,4}:){2,7}(?:[0-9A-Fa-f]{1,4}|\d{1,3}(?:\.\d{1,3}){3})?(?![0-9A-Za-z:])/g;
// A cheap pre-check keeps the common case (no digit, no @) off the regex engine.
const MAYBE_SENSITIVE = /[@\d:]|bearer/i;
const URL_ENCODED = /%[0-9A-Fa-f]{2}|\+/;

/**
 * redactText masks e-mail local parts (`***@example.com`), truncates IPv4 to /24 and IPv6 to /48, and removes
 * bearer tokens and Luhn-valid 13–19 digit card numbers. Text without anything to redact comes back unchanged.
 * URL-encoded text (a `url.query` attribute, a form body) is also read decoded, since `%40`, `%3A` and `+` hide an
 * address or a card from the patterns; when that finds something, the decoded text is kept, redacted.
 * `hints` (sensitiveHints) says which patterns can match a text at all; tests pass ALL_HINTS to run every one.
 */
export function redactText(text: string, hints: (text: string) => number = sensitiveHints): string {
  if (!MAYBE_SENSITIVE.test(text)) return text;
  const out = redactPlain(text, hints);
  if (!URL_ENCODED.test(out)) return out;
  let decoded: string;
  try {
    decoded = decodeURIComponent(out.replace(/\+/g, ' '));
  } catch {
    return out;
  }
  const redacted = redactPlain(decoded, hints);
  return redacted === decoded ? out : redacted;
}

function redactPlain(text: string, hintsOf: (text: string) => number): string {
  // Each pattern runs only where the hints say it could match; a skipped one would change nothing.
  const hints = hintsOf(text);
  let out = text;
  if (hints & HINT_BEARER) out = out.replace(BEARER, (_m, word: string) => `${word} ${REDACTED}`);
  if (hints & HINT_EMAIL) out = out.replace(EMAIL, (_m, _local: string, domain: string) => `***@${domain}`);
  if (hints & HINT_CARD) out = out.replace(CARD, (m) => (luhnValid(m.replace(/[ -]/g, '')) ? REDACTED : m));
  if (hints & HINT_IPV4) out = out.replace(IPV4, (m) => truncateIPv4(m) ?? m);
  if (hints & HINT_IPV6) out = out.replace(IPV6, (m) => truncateIPv6(m) ?? m);
  return out;
}
