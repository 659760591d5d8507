import { extendZodWithOpenApi } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';

extendZodWithOpenApi(z);

/** ConfigId is the id of an alerting configuration object (channel, user, schedule, policy, route, silence). */
export const ConfigId = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,62}$/, 'ids are 1-63 of [a-z0-9_-]');

/** ConfigParams are the path parameters of /v1/silences/:id and /v1/alerting/<resource>/:id. */
export const ConfigParams = z.object({
  id: ConfigId.clone().openapi({
    param: { name: 'id', in: 'path', description: 'object id' },
    example: 'oncall',
  }),
});
