import { luhnValid } from './luhnValid';
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

/**
 * redactText masks e-mail local parts (`***@example.com`), truncates IPv4 to /24 and IPv6 to /48, and removes
 * bearer tokens and Luhn-valid 13–19 digit card numbers. Text without anything to redact comes back unchanged.
 */
export function redactText(text: string): string {
  if (!MAYBE_SENSITIVE.test(text)) return text;
  return text
    .replace(BEARER, (_m, word: string) => `${word} ${REDACTED}`)
    .replace(EMAIL, (_m, _local: string, domain: string) => `***@${domain}`)
    .replace(CARD, (m) => (luhnValid(m.replace(/[ -]/g, '')) ? REDACTED : m))
    .replace(IPV4, (m) => truncateIPv4(m) ?? m)
    .replace(IPV6, (m) => truncateIPv6(m) ?? m);
}
