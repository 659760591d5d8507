import { extendZodWithOpenApi } from '@asteasolutions/zod-to-openapi';
import { LogView, SlaWindow, TenantId, TraceId } from '@sightline/contracts';
import { z } from 'zod';

// Routes validate with these same schemas, and the OpenAPI document is generated from them.
// Zod v4 copies prototype methods onto each schema when it is built, so schemas from @sightline/contracts
// (built before this call) are cloned before .openapi() is used on them.
extendZodWithOpenApi(z);

/** TenantParams are the path parameters of /v1/tenants/:id/…. */
export const TenantParams = z.object({
  id: TenantId.clone().openapi({
    param: { name: 'id', in: 'path', description: 'tenant id' },
    example: 'acme',
  }),
});

/** SlaQuery is the query string of GET /v1/tenants/:id/sla. */
export const SlaQuery = z.object({
  window: SlaWindow.default('5m').openapi({
    param: { name: 'window', in: 'query', description: 'SLA window; 5m when absent' },
  }),
});

/** TraceParams are the path parameters of GET /v1/traces/:traceId (the id is lower-cased before validation). */
export const TraceParams = z.object({
  traceId: TraceId.clone().openapi({
    param: {
      name: 'traceId',
      in: 'path',
      description: 'W3C trace id, 32 hex digits (upper case is accepted)',
    },
    example: '4bf92f3577b34da6a3ce929d0e0e4736',
  }),
});

/** Problem is an RFC 9457 problem details body, as every error response carries. */
export const Problem = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
  })
  .openapi('Problem');

const SEVERITY = /^(?:[1-9]|1\d|2[0-4]|trace|debug|info|warn|error|fatal)$/;
const isoTime = (name: string) =>
  z.iso.datetime({ offset: true }).openapi({
    param: { name, in: 'query', description: `ISO 8601 timestamp with a zone; the last hour when absent` },
    example: '2026-03-01T12:00:00.000Z',
  });

/**
 * LogsQuery is the query string of GET /v1/logs. It mirrors the collector's log search contract so a bad
 * value is refused here, before any internal call; unknown or repeated parameters are a 400 too.
 */
export const LogsQuery = z
  .strictObject({
    tenant: TenantId.clone()
      .optional()
      .openapi({
        param: {
          name: 'tenant',
          in: 'query',
          description: "tenant to search; required for platform users, defaults to a tenant user's own",
        },
      }),
    service: z
      .string()
      .min(1)
      .max(256)
      .optional()
      .openapi({ param: { name: 'service', in: 'query', description: 'exact service.name' } }),
    severity: z
      .string()
      .regex(SEVERITY, 'severity must be 1-24 or one of trace, debug, info, warn, error, fatal')
      .optional()
      .openapi({
        param: {
          name: 'severity',
          in: 'query',
          description: 'minimum severity: a number 1-24 or trace|debug|info|warn|error|fatal',
        },
      }),
    q: z
      .string()
      .max(500)
      .refine((v) => v.trim().length > 0, 'q must not be blank')
      .optional()
      .openapi({
        param: {
          name: 'q',
          in: 'query',
          description: 'full-text search in the log body (web search syntax, at most 500 characters)',
        },
      }),
    from: isoTime('from').optional(),
    to: isoTime('to').optional(),
    traceId: z
      .string()
      .regex(/^[0-9a-fA-F]{32}$/, 'traceId must be 32 hex digits')
      .optional()
      .openapi({ param: { name: 'traceId', in: 'query', description: 'only logs of this trace' } }),
    cursor: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,200}$/, 'cursor is not one this API issued')
      .optional()
      .openapi({ param: { name: 'cursor', in: 'query', description: 'nextCursor of the previous page' } }),
    limit: z
      .string()
      .regex(/^(?:[1-9]\d{0,2})$/, 'limit must be 1-500')
      .refine((v) => Number(v) <= 500, 'limit must be 1-500')
      .optional()
      .openapi({ param: { name: 'limit', in: 'query', description: 'page size, 1-500 (100)' } }),
  })
  .refine((q) => q.from === undefined || q.to === undefined || Date.parse(q.from) <= Date.parse(q.to), {
    message: 'from must not be after to',
  });
/** LogsQuery is the validated query string of GET /v1/logs. */
export type LogsQuery = z.infer<typeof LogsQuery>;

/** LogPage is one page of a log search, newest first; nextCursor is null on the last page. */
export const LogPage = z
  .object({
    logs: z.array(LogView),
    nextCursor: z.string().nullable().describe('pass as ?cursor= for the next page; null on the last page'),
  })
  .openapi('LogPage');
/** LogPage is one page of a log search. */
export type LogPage = z.infer<typeof LogPage>;

/** ServiceList is the services a tenant has sent signals from, by name, with when each was last seen. */
export const ServiceList = z
  .object({ services: z.array(z.object({ service: z.string(), lastSeen: z.string() })) })
  .openapi('ServiceList');
/** ServiceList is the services a tenant has sent signals from. */
export type ServiceList = z.infer<typeof ServiceList>;
