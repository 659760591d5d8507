import { extendZodWithOpenApi } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';

extendZodWithOpenApi(z);

/** OnCallQuery is the query string of GET /v1/alerting/schedules/:id/oncall. */
export const OnCallQuery = z.strictObject({
  at: z.iso
    .datetime({ offset: true })
    .optional()
    .openapi({
      param: { name: 'at', in: 'query', description: 'ISO 8601 instant with a zone; now when absent' },
      example: '2026-03-01T12:00:00Z',
    }),
});

/** OnCall is who is on call on a schedule at one instant, and the shift they are in. */
export const OnCall = z
  .object({
    schedule: z.string(),
    at: z.string(),
    users: z.array(z.string()).describe('ids of the users on call; empty when nobody is'),
    shift: z
      .looseObject({ start: z.string(), end: z.string() })
      .nullable()
      .describe('the shift in force at that instant, or null'),
  })
  .openapi('OnCall');
/** OnCall is who is on call. */
export type OnCall = z.infer<typeof OnCall>;
