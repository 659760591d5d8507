import { TenantId } from '@sightline/contracts';
import { z } from 'zod';
import { LabelMatcherSchema } from '../dispatch/matchers/LabelMatcherSchema';
import { TimeWindowSchema } from './time/TimeWindow';

const LABEL_VALUE = z.string().min(1).max(256);

/**
 * SilenceSpec is a silence or maintenance window as the API writes it: matchers (tenant and service are shorthands
 * for `tenant="…"` and `service="…"`), a one-off or recurring time window, and who is reminded while it lasts.
 */
export const SilenceSpec = z.strictObject({
  kind: z.enum(['silence', 'maintenance']).default('silence'),
  tenant: TenantId.optional(),
  service: LABEL_VALUE.optional(),
  matchers: z.array(LabelMatcherSchema).max(32).default([]),
  window: TimeWindowSchema,
  comment: z.string().min(1, 'say why').max(1024),
  reminderChannelId: z
    .string()
    .regex(/^[a-z0-9][a-z0-9_-]{0,62}$/, 'ids are 1-63 of [a-z0-9_-]')
    .optional(),
});

/** UNSCOPED_SILENCE explains why a silence without matcher, tenant or service is refused. */
export const UNSCOPED_SILENCE =
  'matchers: a silence needs at least one matcher, tenant or service; it would otherwise mute every alert';

/** SilenceSpecValue is a validated silence. */
export type SilenceSpecValue = z.output<typeof SilenceSpec>;
