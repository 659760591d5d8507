import type { EscalationPolicyValue } from './EscalationPolicySpec';

/** EscalationPosition is a step in a pass through a policy. */
export interface EscalationPosition {
  step: number;
  pass: number;
}

/**
 * nextEscalation is the position after `at`: the next step, or the first step of the next pass while the policy
 * still has repeats; null when the policy is exhausted.
 */
export function nextEscalation(
  policy: Pick<EscalationPolicyValue, 'steps' | 'repeat'>,
  at: EscalationPosition,
): EscalationPosition | null {
  if (policy.steps.length === 0) return null;
  if (at.step + 1 < policy.steps.length) return { step: at.step + 1, pass: at.pass };
  if (at.pass < policy.repeat) return { step: 0, pass: at.pass + 1 };
  return null;
}
