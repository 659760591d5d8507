import { createHmac, timingSafeEqual } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { FakeHttpServer } from './FakeHttpServer';
import type { FakeRequest } from './FakeHttpServer';

const TOLERANCE_SECONDS = 300;

/** WebhookDelivery is an accepted delivery: the parsed body and the headers it came with. */
export interface WebhookDelivery {
  body: Record<string, unknown>;
  raw: string;
  timestamp: string;
  signature: string;
  headers: Record<string, string | string[] | undefined>;
}

/**
 * FakeWebhook is a receiver of Sightline's signed webhooks. It checks the documented scheme on its own (its own HMAC,
 * not the production verifier, so one bug cannot hide in both): X-Sightline-Timestamp within 300 s and
 * X-Sightline-Signature = sha256=<hex HMAC-SHA256 of "<timestamp>.<raw body>">; a bad signature is a 401.
 */
export class FakeWebhook extends FakeHttpServer {
  /** deliveries are the accepted deliveries, in order. */
  readonly deliveries: WebhookDelivery[] = [];

  constructor(private readonly secret: string) {
    super();
  }

  /** url is the endpoint a webhook channel points at. */
  get url(): string {
    return `${this.baseUrl}/hooks/sightline`;
  }

  protected handle(request: FakeRequest, res: ServerResponse): void {
    const reject = (status: number, reason: string): void => {
      this.violate(request, reason);
      this.send(res, status, { error: reason });
    };
    if (request.method !== 'POST') return reject(405, 'method must be POST');
    if (!String(request.headers['content-type'] ?? '').startsWith('application/json')) {
      return reject(415, 'Content-Type must be application/json');
    }
    const timestamp = request.headers['x-sightline-timestamp'];
    const signature = request.headers['x-sightline-signature'];
    if (typeof timestamp !== 'string' || typeof signature !== 'string')
      return reject(401, 'missing signature headers');
    if (!/^\d+$/.test(timestamp) || Math.abs(Date.now() / 1000 - Number(timestamp)) > TOLERANCE_SECONDS) {
      return reject(401, 'timestamp outside the tolerance window');
    }
    const expected = Buffer.from(
      `sha256=${createHmac('sha256', this.secret).update(`${timestamp}.`).update(request.raw).digest('hex')}`,
    );
    const received = Buffer.from(signature);
    if (expected.length !== received.length || !timingSafeEqual(expected, received)) {
      return reject(401, 'invalid signature');
    }
    let body: unknown;
    try {
      body = JSON.parse(request.raw.toString('utf8'));
    } catch {
      return reject(400, 'body is not JSON');
    }
    if (typeof body !== 'object' || body === null || typeof (body as { id?: unknown }).id !== 'string') {
      return reject(400, 'body is not a notification (no id)');
    }
    if (request.headers['x-sightline-notification-id'] !== (body as { id: string }).id) {
      return reject(400, 'X-Sightline-Notification-Id does not match the body id');
    }
    const scripted = this.nextScripted();
    if (scripted && (scripted.status < 200 || scripted.status >= 300)) {
      return this.send(res, scripted.status, scripted.body ?? { error: 'scripted' }, scripted.headers);
    }
    this.deliveries.push({
      body: body as Record<string, unknown>,
      raw: request.raw.toString('utf8'),
      timestamp,
      signature,
      headers: request.headers,
    });
    this.send(res, scripted?.status ?? 204, scripted?.body ?? '', scripted?.headers);
  }
}
