import { z } from 'zod';
import { LabelMatcherSchema } from './matchers/LabelMatcherSchema';

const seconds = (max: number) => z.number().min(0).max(max);
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const ID = /^[a-z0-9][a-z0-9_-]{0,62}$/;

/** RouteSpec is one node of the routing tree as the API writes it; unset fields inherit from the parent. */
export const RouteSpec = z.strictObject({
  name: z.string().min(1).max(128),
  parentId: z.string().regex(ID, 'ids are 1-63 of [a-z0-9_-]').nullable().default(null),
  position: z.number().int().min(0).max(10_000).default(0),
  matchers: z.array(LabelMatcherSchema).max(32).default([]),
  continue: z.boolean().default(false),
  /** groupBy lists label names, or ['...'] to group by every label (one group per alert). */
  groupBy: z
    .array(
      z.union([z.literal('...'), z.string().regex(LABEL_NAME, 'group_by entries are label names or "..."')]),
    )
    .max(32)
    .optional(),
  groupWaitSeconds: seconds(3600).optional(),
  groupIntervalSeconds: seconds(86_400).optional(),
  repeatIntervalSeconds: seconds(30 * 86_400).optional(),
  policyId: z.string().regex(ID, 'ids are 1-63 of [a-z0-9_-]').optional(),
});

/** RouteSpecInput is a route as posted, before defaults. */
export type RouteSpecInput = z.input<typeof RouteSpec>;
/** RouteSpecValue is a validated route. */
export type RouteSpecValue = z.output<typeof RouteSpec>;
