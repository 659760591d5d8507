import { createHmac } from 'node:crypto';

/** SIGNATURE_HEADER carries `sha256=<hex HMAC-SHA256 of "<timestamp>.<body>">`. */
export const SIGNATURE_HEADER = 'X-Sightline-Signature';
/** TIMESTAMP_HEADER carries the signing time in unix seconds; it is part of what is signed, which stops replays. */
export const TIMESTAMP_HEADER = 'X-Sightline-Timestamp';

/** signWebhookBody computes the X-Sightline-Signature value for a body sent at `timestamp` (unix seconds). */
export function signWebhookBody(secret: string, timestamp: number | string, body: string | Buffer): string {
  const hmac = createHmac('sha256', secret);
  hmac.update(`${timestamp}.`);
  hmac.update(body);
  return `sha256=${hmac.digest('hex')}`;
}
