import type { EscalationPolicy } from './onCallApiShapes';

/** PolicyStepValues is one step of the policy form, as typed: targets as `type:id` picks. */
export interface PolicyStepValues {
  waitMinutes: string;
  targets: string[];
}

/** PolicyFormValues are the escalation policy form's fields, as typed. */
export interface PolicyFormValues {
  id: string;
  name: string;
  repeat: string;
  steps: PolicyStepValues[];
}

/** FormCheck is a body ready to send, or the field (an api path) a form must fix first and why. */
export type FormCheck<T> = { ok: true; body: T } | { ok: false; field: string; message: string };

/** PolicyRequest is the body of POST and PUT /v1/alerting/policies. */
export interface PolicyRequest {
  id?: string;
  name: string;
  repeat: number;
  steps: { targets: { type: string; id: string }[]; waitMinutes: number }[];
}

/** targetPick is a target as the form's pickers hold it. */
export const targetPick = (t: { type: string; id: string }): string => `${t.type}:${t.id}`;

/** policyFormValues fills the form from a policy, or starts an empty one with a single step. */
export function policyFormValues(policy: EscalationPolicy | null): PolicyFormValues {
  if (policy === null)
    return { id: '', name: '', repeat: '0', steps: [{ waitMinutes: '15', targets: [''] }] };
  return {
    id: policy.id,
    name: policy.name,
    repeat: String(policy.repeat),
    steps: policy.steps.map((s) => ({
      waitMinutes: String(s.waitMinutes),
      targets: s.targets.map(targetPick),
    })),
  };
}

/** policyFields are the api paths the form has a field for, so a refusal lands on the right one. */
export function policyFields(values: PolicyFormValues): string[] {
  return [
    'id',
    'name',
    'repeat',
    'steps',
    ...values.steps.flatMap((_, i) => [`steps.${i}.waitMinutes`, `steps.${i}.targets`]),
  ];
}

/**
 * buildPolicyRequest turns the form into a request. Only what cannot be sent at all (a wait that is no number) is
 * stopped here; every other rule is the api's, whose reason the form shows on the field it names.
 */
export function buildPolicyRequest(values: PolicyFormValues, creating: boolean): FormCheck<PolicyRequest> {
  const repeat = Number(values.repeat.trim() === '' ? '0' : values.repeat);
  if (!Number.isInteger(repeat))
    return { ok: false, field: 'repeat', message: 'repeat: enter a whole number, such as 0' };
  const steps: PolicyRequest['steps'] = [];
  for (const [i, s] of values.steps.entries()) {
    const wait = Number(s.waitMinutes);
    if (s.waitMinutes.trim() === '' || !Number.isFinite(wait))
      return {
        ok: false,
        field: `steps.${i}.waitMinutes`,
        message: `step ${i + 1}: enter the minutes to wait, such as 15`,
      };
    const targets = s.targets
      .filter((t) => t !== '')
      .map((t) => ({ type: t.slice(0, t.indexOf(':')), id: t.slice(t.indexOf(':') + 1) }));
    steps.push({ targets, waitMinutes: wait });
  }
  const id = values.id.trim();
  return {
    ok: true,
    body: { ...(creating && id !== '' ? { id } : {}), name: values.name.trim(), repeat, steps },
  };
}
