import { z } from 'zod';

/** Knobs are one tenant's failure settings: the share of requests that fail and the added latency. */
export const Knobs = z
  .object({
    errorRate: z.number().min(0).max(1).default(0),
    latencyMs: z.number().int().min(0).max(30_000).default(0),
  })
  .strict();
/** Knobs are one tenant's failure settings. */
export type Knobs = z.infer<typeof Knobs>;

/** DEFAULT_KNOBS apply to a tenant nobody turned a knob for: no errors, no added latency. */
export const DEFAULT_KNOBS: Knobs = { errorRate: 0, latencyMs: 0 };
