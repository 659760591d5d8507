import { extendZodWithOpenApi } from '@asteasolutions/zod-to-openapi';
import { SlaWindow, TenantId, TraceId } from '@sightline/contracts';
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
