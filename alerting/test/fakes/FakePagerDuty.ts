import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { STATUS_CODES } from 'node:http';
import type { ServerResponse } from 'node:http';
import { join } from 'node:path';
import Ajv from 'ajv';
import type { ErrorObject } from 'ajv';
import addFormats from 'ajv-formats';
import { FakeHttpServer } from './FakeHttpServer';
import type { FakeRequest } from './FakeHttpServer';

const SPEC_PATH = join(__dirname, '../../../../shared/fixtures/pagerduty/events-v2.openapi.json');
const SPEC_ID = 'pagerduty-events-v2';
// JSON pointer (RFC 6901) to the request body schema of POST /enqueue; it $refs #/components/schemas/Payload & co.
const ENQUEUE_BODY = `${SPEC_ID}#/paths/~1enqueue/post/requestBody/content/application~1json/schema`;
const PAYLOAD = `${SPEC_ID}#/components/schemas/Payload`;

// Limits PagerDuty documents in prose (developer.pagerduty.com/docs/events-api-v2/trigger-events and overview),
// which the OpenAPI schema does not encode.
const MAX_BODY_BYTES = 512 * 1024;
const MAX_SUMMARY = 1024;
const MAX_DEDUP_KEY = 255;
const ROUTING_KEY_LENGTH = 32;

/** PagerDutyEventBody is an accepted Events API v2 event as the fake received it. */
export interface PagerDutyEventBody {
  routing_key: string;
  event_action: 'trigger' | 'acknowledge' | 'resolve';
  dedup_key?: string;
  client?: string;
  client_url?: string;
  payload?: {
    summary: string;
    source: string;
    severity: string;
    timestamp?: string;
    custom_details?: Record<string, unknown>;
    [key: string]: unknown;
  };
  links?: { href: string; text?: string }[];
  images?: { src: string; href?: string; alt?: string }[];
}

function loadValidators(): { body: (data: unknown) => string[]; payload: (data: unknown) => string[] } {
  const spec = JSON.parse(readFileSync(SPEC_PATH, 'utf8')) as Record<string, unknown>;
  // The document is OpenAPI, not pure JSON Schema: non-strict mode lets ajv skip its non-schema keywords
  // (openapi, info, paths, examples...) while still resolving every $ref inside it.
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  ajv.addSchema(spec, SPEC_ID);
  const format = (errors: ErrorObject[] | null | undefined, prefix: string): string[] =>
    (errors ?? []).map((e) => `${prefix}${e.instancePath || ''} ${e.message ?? 'is invalid'}`.trim());
  const body = ajv.compile({ $ref: ENQUEUE_BODY });
  const payload = ajv.compile({ $ref: PAYLOAD });
  return {
    body: (data) => (body(data) ? [] : format(body.errors, 'body')),
    payload: (data) => (payload(data) ? [] : format(payload.errors, 'payload')),
  };
}

function problems(event: Record<string, unknown>, validators: ReturnType<typeof loadValidators>): string[] {
  const errors = validators.body(event);
  const action = event.event_action;
  if (typeof event.routing_key === 'string' && event.routing_key.length !== ROUTING_KEY_LENGTH) {
    errors.push(`Length of 'routing_key' is incorrect (should be ${ROUTING_KEY_LENGTH} characters)`);
  }
  if (action === 'trigger') {
    if (event.payload === undefined) errors.push("'payload' is missing or blank");
    else errors.push(...validators.payload(event.payload));
    const summary = (event.payload as { summary?: unknown } | undefined)?.summary;
    if (typeof summary === 'string' && summary.length > MAX_SUMMARY) {
      errors.push(`'payload.summary' is longer than ${MAX_SUMMARY} characters`);
    }
    if (typeof summary === 'string' && summary.trim() === '')
      errors.push("'payload.summary' is missing or blank");
  } else if (action === 'acknowledge' || action === 'resolve') {
    if (typeof event.dedup_key !== 'string' || event.dedup_key === '') {
      errors.push(`'dedup_key' is required for ${action} events`);
    }
  }
  if (typeof event.dedup_key === 'string' && event.dedup_key.length > MAX_DEDUP_KEY) {
    errors.push(`'dedup_key' is longer than ${MAX_DEDUP_KEY} characters`);
  }
  for (const image of Array.isArray(event.images) ? (event.images as { src?: unknown }[]) : []) {
    if (typeof image.src === 'string' && !image.src.startsWith('https://'))
      errors.push("'images[].src' must be https");
  }
  return errors;
}

/**
 * FakePagerDuty is a local Events API v2 (POST /v2/enqueue): it validates every body with ajv against the published
 * OpenAPI document (Payload, Links, Images, enums, formats) plus the limits PagerDuty documents in prose, answers 202
 * or PagerDuty's 400, and can be scripted (e.g. 429, 429, then normal) for retry tests.
 */
export class FakePagerDuty extends FakeHttpServer {
  /** events are the accepted events, in order. */
  readonly events: PagerDutyEventBody[] = [];
  private readonly validators = loadValidators();

  /** enqueueUrl is the URL a pagerduty channel points at. */
  get enqueueUrl(): string {
    return `${this.baseUrl}/v2/enqueue`;
  }

  /** byDedupKey lists the accepted events of one dedup_key, in order. */
  byDedupKey(dedupKey: string): PagerDutyEventBody[] {
    return this.events.filter((e) => e.dedup_key === dedupKey);
  }

  protected handle(request: FakeRequest, res: ServerResponse): void {
    if (request.method !== 'POST' || request.path !== '/v2/enqueue') {
      this.violate(request, `${request.method} ${request.path} is not the Events API v2 endpoint`);
      return this.send(res, 404, { status: 'not found', message: 'Not Found' });
    }
    const invalid = (message: string, errors: string[], status = 'invalid event'): void => {
      this.violate(request, message, errors);
      this.send(res, 400, { status, message, errors });
    };
    if (!String(request.headers['content-type'] ?? '').startsWith('application/json')) {
      return invalid(
        'Event object format is unrecognized',
        ['Content-Type must be application/json'],
        'Unrecognized object',
      );
    }
    if (request.raw.length > MAX_BODY_BYTES) {
      return invalid('Event object is invalid', [`Event is larger than ${MAX_BODY_BYTES} bytes`]);
    }
    let event: unknown;
    try {
      event = JSON.parse(request.raw.toString('utf8'));
    } catch {
      return invalid('Event object format is unrecognized', ['JSON parse error'], 'Unrecognized object');
    }
    if (typeof event !== 'object' || event === null || Array.isArray(event)) {
      return invalid(
        'Event object format is unrecognized',
        ['body is not a JSON object'],
        'Unrecognized object',
      );
    }
    const errors = problems(event as Record<string, unknown>, this.validators);
    if (errors.length > 0) return invalid('Event object is invalid', errors);

    const body = event as PagerDutyEventBody;
    const dedupKey = body.dedup_key ?? randomUUID().replace(/-/g, '');
    const scripted = this.nextScripted();
    if (scripted && (scripted.status < 200 || scripted.status >= 300)) {
      const status = scripted.status;
      const fallback =
        status === 429
          ? {
              status: 'throttle event',
              message: 'Requests for this service are arriving too quickly. Please retry later.',
            }
          : status === 400
            ? { status: 'invalid event', message: 'Event object is invalid', errors: ['scripted rejection'] }
            : { status: 'error', message: STATUS_CODES[status] ?? 'Error' };
      return this.send(res, status, scripted.body ?? fallback, scripted.headers);
    }
    this.events.push({ ...body, dedup_key: dedupKey });
    this.send(
      res,
      scripted?.status ?? 202,
      scripted?.body ?? { status: 'success', message: 'Event processed', dedup_key: dedupKey },
      scripted?.headers,
    );
  }
}
