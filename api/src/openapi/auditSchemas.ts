import { extendZodWithOpenApi } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { limitParam } from './alertSchemas';

extendZodWithOpenApi(z);

/** AuditQuery is the query string of GET /v1/alerting/audit. */
export const AuditQuery = z.strictObject({ limit: limitParam(1000, 100) });

/** AuditEntry is one change to alert groups, silences or configuration: who did what, to what. */
export const AuditEntry = z
  .object({
    id: z.number().int(),
    at: z.string().nullable(),
    actor: z.string().describe("the user's token subject"),
    tenant: z.string().nullable(),
    action: z.string().describe('e.g. group.ack, silence.create, route.update'),
    target: z.object({ type: z.string(), id: z.string() }),
    detail: z.record(z.string(), z.unknown()).describe('before and after, secrets masked'),
  })
  .openapi('AuditEntry');

/** AuditLog is the body of GET /v1/alerting/audit, newest first. */
export const AuditLog = z.object({ entries: z.array(AuditEntry) }).openapi('AuditLog');
/** AuditLog is a page of audit entries. */
export type AuditLog = z.infer<typeof AuditLog>;
