import type { ServerResponse } from 'node:http';
import { FakeHttpServer } from './FakeHttpServer';
import type { FakeRequest } from './FakeHttpServer';

// Block Kit limits from https://docs.slack.dev/reference/block-kit/blocks (header, section, context, divider ...).
const BLOCK_TYPES = new Set([
  'actions',
  'context',
  'divider',
  'file',
  'header',
  'image',
  'input',
  'markdown',
  'rich_text',
  'section',
  'video',
]);
const MAX_BLOCKS = 50;
const MAX_HEADER = 150;
const MAX_SECTION_TEXT = 3000;
const MAX_FIELDS = 10;
const MAX_FIELD_TEXT = 2000;
const MAX_CONTEXT_ELEMENTS = 10;
const MAX_BLOCK_ID = 255;

/** SlackMessageBody is an accepted incoming-webhook body. */
export interface SlackMessageBody {
  text?: string;
  blocks?: Record<string, unknown>[];
  channel?: string;
}

type Text = { type?: unknown; text?: unknown };

function textErrors(where: string, value: unknown, max: number, plainOnly = false): string[] {
  const text = value as Text | undefined;
  if (typeof text !== 'object' || text === null) return [`${where} must be a text object`];
  if (text.type !== 'plain_text' && (plainOnly || text.type !== 'mrkdwn')) {
    return [`${where}.type must be ${plainOnly ? 'plain_text' : 'plain_text or mrkdwn'}`];
  }
  if (typeof text.text !== 'string' || text.text.length === 0)
    return [`${where}.text must be a non-empty string`];
  if (text.text.length > max) return [`${where}.text must be at most ${max} characters`];
  return [];
}

function blockErrors(block: unknown, i: number): string[] {
  const where = `blocks[${i}]`;
  if (typeof block !== 'object' || block === null) return [`${where} must be an object`];
  const b = block as Record<string, unknown>;
  if (typeof b.type !== 'string' || !BLOCK_TYPES.has(b.type))
    return [`${where}.type ${String(b.type)} is unknown`];
  const errors: string[] = [];
  if (b.block_id !== undefined && (typeof b.block_id !== 'string' || b.block_id.length > MAX_BLOCK_ID)) {
    errors.push(`${where}.block_id must be a string of at most ${MAX_BLOCK_ID} characters`);
  }
  if (b.type === 'header') errors.push(...textErrors(`${where}.text`, b.text, MAX_HEADER, true));
  if (b.type === 'section') {
    if (b.text === undefined && b.fields === undefined) errors.push(`${where} needs text or fields`);
    if (b.text !== undefined) errors.push(...textErrors(`${where}.text`, b.text, MAX_SECTION_TEXT));
    if (b.fields !== undefined) {
      if (!Array.isArray(b.fields) || b.fields.length === 0 || b.fields.length > MAX_FIELDS) {
        errors.push(`${where}.fields must hold 1 to ${MAX_FIELDS} text objects`);
      } else {
        b.fields.forEach((f, j) => errors.push(...textErrors(`${where}.fields[${j}]`, f, MAX_FIELD_TEXT)));
      }
    }
  }
  if (b.type === 'context') {
    if (!Array.isArray(b.elements) || b.elements.length === 0 || b.elements.length > MAX_CONTEXT_ELEMENTS) {
      errors.push(`${where}.elements must hold 1 to ${MAX_CONTEXT_ELEMENTS} elements`);
    } else {
      b.elements.forEach((e, j) => {
        if ((e as { type?: unknown }).type !== 'image') {
          errors.push(...textErrors(`${where}.elements[${j}]`, e, MAX_SECTION_TEXT));
        }
      });
    }
  }
  return errors;
}

/**
 * FakeSlack is a local Slack incoming webhook: it checks the JSON body has `text` or `blocks` and that blocks keep
 * Block Kit's basic rules (known types, header plain_text ≤ 150, section text ≤ 3000, fields ≤ 10 × 2000, ≤ 50
 * blocks), answers "ok" or Slack's error strings (invalid_payload, no_text, invalid_blocks), and can be scripted.
 */
export class FakeSlack extends FakeHttpServer {
  /** messages are the accepted bodies, in order. */
  readonly messages: SlackMessageBody[] = [];

  /** webhookUrl is a URL shaped like Slack's (/services/T…/B…/<token>); the token is what makes it secret. */
  get webhookUrl(): string {
    return `${this.baseUrl}/services/T0000FAKE/B0000FAKE/fAk3t0k3nS3cr3tV4lu3xyz`;
  }

  protected handle(request: FakeRequest, res: ServerResponse): void {
    if (request.method !== 'POST' || !request.path.startsWith('/services/')) {
      this.violate(request, 'not an incoming webhook URL');
      return this.send(res, 404, 'no_service');
    }
    const reject = (status: number, code: string, errors: string[]): void => {
      this.violate(request, code, errors);
      this.send(res, status, code);
    };
    if (!String(request.headers['content-type'] ?? '').startsWith('application/json')) {
      return reject(400, 'invalid_payload', ['Content-Type must be application/json']);
    }
    let body: unknown;
    try {
      body = JSON.parse(request.raw.toString('utf8'));
    } catch {
      return reject(400, 'invalid_payload', ['body is not JSON']);
    }
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      return reject(400, 'invalid_payload', ['body is not a JSON object']);
    }
    const message = body as { text?: unknown; blocks?: unknown };
    const hasText = typeof message.text === 'string' && message.text.trim() !== '';
    if (!hasText && message.blocks === undefined) return reject(400, 'no_text', ['neither text nor blocks']);
    if (message.blocks !== undefined) {
      if (!Array.isArray(message.blocks) || message.blocks.length > MAX_BLOCKS) {
        return reject(400, 'invalid_blocks', [`blocks must be an array of at most ${MAX_BLOCKS}`]);
      }
      const errors = message.blocks.flatMap((b, i) => blockErrors(b, i));
      if (errors.length > 0) return reject(400, 'invalid_blocks', errors);
    }
    const scripted = this.nextScripted();
    if (scripted && (scripted.status < 200 || scripted.status >= 300)) {
      const fallback =
        scripted.status === 429
          ? 'rate_limited'
          : scripted.status >= 500
            ? 'rollup_error'
            : 'invalid_payload';
      return this.send(res, scripted.status, scripted.body ?? fallback, scripted.headers);
    }
    this.messages.push(message as SlackMessageBody);
    this.send(res, scripted?.status ?? 200, scripted?.body ?? 'ok', scripted?.headers);
  }
}
