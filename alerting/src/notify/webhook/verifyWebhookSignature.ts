import { timingSafeEqual } from 'node:crypto';
import { signWebhookBody } from './signWebhookBody';

/** DEFAULT_SIGNATURE_TOLERANCE_SECONDS is how far a signed timestamp may be from the receiver's clock. */
export const DEFAULT_SIGNATURE_TOLERANCE_SECONDS = 300;

/** WebhookSignatureCheck is what a receiver needs: the raw body and the two headers as received. */
export interface WebhookSignatureCheck {
  /** secret is the channel's secret; give several during a rotation. */
  secret: string | readonly string[];
  /** body is the raw request body, byte for byte: re-serialised JSON would not match. */
  body: string | Buffer;
  timestamp: string | undefined;
  signature: string | undefined;
  /** now is the receiver's clock in ms (default Date.now()). */
  now?: number;
  toleranceSeconds?: number;
}

/** WebhookSignatureResult says whether a delivery is authentic, and if not, which check failed. */
export type WebhookSignatureResult =
  { ok: true } | { ok: false; reason: 'missing headers' | 'malformed' | 'outside tolerance' | 'mismatch' };

/**
 * verifyWebhookSignature checks a Sightline webhook delivery as a receiver should: the timestamp within the tolerance
 * window (default ±300 s), and `sha256=<hex>` equal, in constant time, to the HMAC of "<timestamp>.<body>".
 */
export function verifyWebhookSignature(check: WebhookSignatureCheck): WebhookSignatureResult {
  const { timestamp, signature } = check;
  if (!timestamp || !signature) return { ok: false, reason: 'missing headers' };
  if (!/^\d{1,12}$/.test(timestamp) || !/^sha256=[0-9a-f]{64}$/i.test(signature.trim())) {
    return { ok: false, reason: 'malformed' };
  }
  const nowSeconds = Math.floor((check.now ?? Date.now()) / 1000);
  const tolerance = check.toleranceSeconds ?? DEFAULT_SIGNATURE_TOLERANCE_SECONDS;
  if (Math.abs(nowSeconds - Number(timestamp)) > tolerance) return { ok: false, reason: 'outside tolerance' };
  const received = Buffer.from(signature.trim().slice('sha256='.length), 'hex');
  const secrets = typeof check.secret === 'string' ? [check.secret] : check.secret;
  let matched = false;
  // Every secret is tried even after a match, so timing does not tell which one (or whether an old one) matched.
  for (const secret of secrets) {
    const expected = Buffer.from(
      signWebhookBody(secret, timestamp, check.body).slice('sha256='.length),
      'hex',
    );
    if (timingSafeEqual(expected, received)) matched = true;
  }
  return matched ? { ok: true } : { ok: false, reason: 'mismatch' };
}
