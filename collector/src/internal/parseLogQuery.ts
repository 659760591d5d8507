import { TenantId } from '@sightline/contracts';
import { BadRequestError } from '@sightline/http';
import type { LogCursor, LogQuery } from '../store/CollectorStore';

const MAX_LIMIT = 500;
const DEFAULT_WINDOW_MS = 3_600_000;
const SEVERITY_NAMES: Record<string, number> = {
  trace: 1,
  debug: 5,
  info: 9,
  warn: 13,
  error: 17,
  fatal: 21,
};
const KNOWN = new Set(['tenant', 'service', 'severity', 'q', 'from', 'to', 'traceId', 'limit', 'cursor']);

/**
 * parseLogQuery validates the query string of GET /internal/v1/logs into a LogQuery; anything unexpected is a 400.
 * Every value ends up as a bind parameter, never in SQL text.
 */
export function parseLogQuery(query: Record<string, unknown>, now = new Date()): LogQuery {
  for (const key of Object.keys(query))
    if (!KNOWN.has(key)) throw new BadRequestError(`unknown parameter ${key.slice(0, 40)}`);
  const single = (name: string): string | undefined => {
    const v = query[name];
    if (v === undefined) return undefined;
    if (typeof v !== 'string') throw new BadRequestError(`${name} must be given once`);
    return v;
  };
  const tenant = TenantId.safeParse(single('tenant'));
  if (!tenant.success) throw new BadRequestError('tenant is required: 1-63 of [a-z0-9_-]');
  const to = time(single('to'), 'to') ?? now;
  const from = time(single('from'), 'from') ?? new Date(to.getTime() - DEFAULT_WINDOW_MS);
  if (from.getTime() > to.getTime()) throw new BadRequestError('from must not be after to');
  const out: LogQuery = { tenantId: tenant.data, from, to, limit: 100 };
  const service = single('service');
  if (service !== undefined) {
    if (service.length === 0 || service.length > 256)
      throw new BadRequestError('service must be 1-256 characters');
    // PostgreSQL text cannot hold U+0000: comparing with it was a 500 (found by the fuzz drill).
    if (service.includes('\u0000')) throw new BadRequestError('service must not contain the NUL character');
    out.service = service;
  }
  const severity = single('severity');
  if (severity !== undefined) {
    const n = /^\d{1,2}$/.test(severity) ? Number(severity) : SEVERITY_NAMES[severity.toLowerCase()];
    if (n === undefined || n < 1 || n > 24)
      throw new BadRequestError('severity must be 1-24 or one of trace, debug, info, warn, error, fatal');
    out.minSeverity = n;
  }
  const traceId = single('traceId');
  if (traceId !== undefined) {
    if (!/^[0-9a-fA-F]{32}$/.test(traceId)) throw new BadRequestError('traceId must be 32 hex digits');
    out.traceId = traceId.toLowerCase();
  }
  const text = single('q');
  if (text !== undefined) {
    if (text.trim().length === 0 || text.length > 500)
      throw new BadRequestError('q must be 1-500 characters');
    out.text = text.replaceAll('\u0000', '');
  }
  const limit = single('limit');
  if (limit !== undefined) {
    if (!/^\d{1,4}$/.test(limit) || Number(limit) < 1 || Number(limit) > MAX_LIMIT)
      throw new BadRequestError(`limit must be 1-${MAX_LIMIT}`);
    out.limit = Number(limit);
  }
  const cursor = single('cursor');
  if (cursor !== undefined) out.after = decodeCursor(cursor);
  return out;
}

/** encodeCursor makes the opaque cursor of the next page. */
export function encodeCursor(cursor: LogCursor): string {
  return Buffer.from(JSON.stringify([cursor.time, cursor.id])).toString('base64url');
}

function decodeCursor(text: string): LogCursor {
  const bad = (): never => {
    throw new BadRequestError('cursor is not one this API issued');
  };
  if (!/^[A-Za-z0-9_-]{1,200}$/.test(text)) bad();
  let v: unknown;
  try {
    v = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    return bad();
  }
  if (!Array.isArray(v) || v.length !== 2) return bad();
  const [t, id] = v as unknown[];
  if (
    typeof t !== 'string' ||
    !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/.test(t) ||
    Number.isNaN(Date.parse(t)) ||
    t.startsWith('0000')
  )
    return bad();
  if (typeof id !== 'string' || !/^\d{1,19}$/.test(id)) return bad();
  return { time: t, id };
}

function time(value: string | undefined, name: string): Date | undefined {
  if (value === undefined) return undefined;
  const d = new Date(value);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(value) || Number.isNaN(d.getTime()))
    throw new BadRequestError(`${name} must be an ISO 8601 timestamp`);
  // PostgreSQL has no year 0 (1 BC is year 0 in ISO 8601): comparing with one was a 500.
  if (d.getUTCFullYear() < 1) throw new BadRequestError(`${name} must be in year 1 or later`);
  return d;
}
