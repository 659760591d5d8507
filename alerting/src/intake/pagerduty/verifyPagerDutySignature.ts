import { createHmac, timingSafeEqual } from 'node:crypto';

// PagerDuty v3 webhook signatures, as documented at https://developer.pagerduty.com/docs/verifying-signatures
// (source: github.com/PagerDuty/developer-docs, docs/webhooks/04-Signatures.md):
// - header `X-PagerDuty-Signature`, one or more comma-separated `v1=<hex>` values (several during a secret rotation);
// - `v1` is the hex HMAC-SHA256 of the raw request body (unaltered bytes, UTF-8) keyed with the subscription's secret;
// - the delivery is authentic when at least one `v1` value matches; compare in constant time.

// More signatures than any rotation needs is not PagerDuty: refuse before hashing, so a header cannot make us work.
const MAX_SIGNATURES = 10;
const V1 = /^v1=([0-9a-f]{64})$/i;

/**
 * verifyPagerDutySignature tells whether a PagerDuty v3 webhook delivery is authentic: some `v1=<hex>` value of the
 * X-PagerDuty-Signature header equals, in constant time, the HMAC-SHA256 of the raw body under one of the secrets.
 */
export function verifyPagerDutySignature(
  rawBody: Buffer,
  header: string | undefined,
  secrets: string[],
): boolean {
  if (!header || secrets.length === 0) return false;
  const values = header.split(',').map((v) => v.trim());
  if (values.length > MAX_SIGNATURES) return false;
  const received = values
    .map((v) => V1.exec(v)?.[1])
    .filter((hex): hex is string => hex !== undefined)
    .map((hex) => Buffer.from(hex, 'hex'));
  if (received.length === 0) return false;
  let matched = false;
  // No early exit: every secret against every signature, so timing says nothing about which (if any) matched.
  for (const secret of secrets) {
    if (secret === '') continue;
    const expected = createHmac('sha256', secret).update(rawBody).digest();
    for (const signature of received) {
      if (timingSafeEqual(expected, signature)) matched = true;
    }
  }
  return matched;
}
