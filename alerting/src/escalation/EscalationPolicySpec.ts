import { z } from 'zod';

const id = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,62}$/, 'ids are 1-63 of [a-z0-9_-]');

/** EscalationTarget is who a step notifies: a channel, a user (their e-mail and channels) or whoever is on call. */
export const EscalationTarget = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('channel'), id }),
  z.strictObject({ type: z.literal('user'), id }),
  z.strictObject({ type: z.literal('schedule'), id }),
]);

/** EscalationTargetValue is a validated target. */
export type EscalationTargetValue = z.output<typeof EscalationTarget>;

/** EscalationStep notifies its targets, then waits for an ack before the next step. */
export const EscalationStep = z.strictObject({
  targets: z.array(EscalationTarget).min(1, 'a step needs at least one target').max(20),
  /** waitMinutes may be fractional (0.05 is 3 s), which drills and tests use. */
  waitMinutes: z
    .number()
    .min(0.01)
    .max(7 * 24 * 60),
});

/** EscalationPolicySpec is a policy as the API writes it: steps, and how many times to start over. */
export const EscalationPolicySpec = z.strictObject({
  name: z.string().min(1).max(128),
  repeat: z.number().int().min(0).max(20).default(0),
  steps: z.array(EscalationStep).max(20).default([]),
});

/** EscalationPolicyValue is a validated policy. */
export type EscalationPolicyValue = z.output<typeof EscalationPolicySpec>;
