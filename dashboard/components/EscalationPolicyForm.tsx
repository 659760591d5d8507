'use client';

import type { EscalationPolicy } from '../lib/onCallApiShapes';
import { targetChoices, type OnCallLists } from '../lib/onCallPickOptions';
import {
  buildPolicyRequest,
  policyFields,
  policyFormValues,
  type PolicyRequest,
  type PolicyStepValues,
} from '../lib/policyForm';
import { useOnCallForm, type SaveProblem } from '../lib/useOnCallForm';
import { FormField } from './FormField';
import { OnCallFormShell } from './OnCallFormShell';
import { PickList } from './PickList';

/** EscalationPolicyFormProps carry the policy to edit (null for a new one), what may be paged, and how to save. */
export interface EscalationPolicyFormProps {
  policy: EscalationPolicy | null;
  lists: OnCallLists;
  onSave: (body: PolicyRequest) => Promise<SaveProblem | null>;
}

const MAX_STEPS = 20;

/**
 * EscalationPolicyForm creates or changes an escalation policy: its name, steps (who is notified, then how long to wait
 * for an acknowledgement) and how many times it starts over. The api's reason for a refusal is shown on its field.
 */
export function EscalationPolicyForm({ policy, lists, onSave }: EscalationPolicyFormProps) {
  const creating = policy === null;
  const form = useOnCallForm({
    initial: policyFormValues(policy),
    creating,
    fields: policyFields,
    build: buildPolicyRequest,
    save: onSave,
  });
  const { values, setValues, fieldProblem } = form;
  const setStep = (i: number, patch: Partial<PolicyStepValues>) =>
    setValues((v) => ({ ...v, steps: v.steps.map((s, j) => (j === i ? { ...s, ...patch } : s)) }));
  const choices = targetChoices(lists);

  return (
    <OnCallFormShell
      kind="policy"
      title={creating ? 'New escalation policy' : 'Policy'}
      creating={creating}
      form={form}
      submitLabel={creating ? 'Create policy' : 'Save policy'}
      fields={
        <FormField
          id="policy-repeat"
          label="Start over"
          hint="Times to run the steps again when nobody acknowledges (0 to 20)."
          problem={fieldProblem('repeat')}
        >
          {(c) => (
            <input
              {...c}
              type="number"
              min={0}
              max={20}
              step={1}
              value={values.repeat}
              onChange={(e) => setValues((v) => ({ ...v, repeat: e.target.value }))}
            />
          )}
        </FormField>
      }
    >
      {values.steps.map((step, i) => (
        <fieldset key={i} data-testid="policy-step">
          <legend>Step {i + 1}</legend>
          <PickList
            id={`policy-step-${i}-targets`}
            legend={`Notify (step ${i + 1})`}
            noun="target"
            label={(n) => `Step ${i + 1} target ${n}`}
            values={step.targets}
            options={choices}
            max={20}
            onChange={(targets) => setStep(i, { targets })}
            problem={fieldProblem(`steps.${i}.targets`)}
          />
          <FormField
            id={`policy-step-${i}-wait`}
            label={`Wait for an acknowledgement (minutes, step ${i + 1})`}
            problem={fieldProblem(`steps.${i}.waitMinutes`)}
          >
            {(c) => (
              <input
                {...c}
                type="number"
                min={0.01}
                step="any"
                value={step.waitMinutes}
                onChange={(e) => setStep(i, { waitMinutes: e.target.value })}
              />
            )}
          </FormField>
          <button
            type="button"
            className="button-quiet"
            onClick={() => setValues((v) => ({ ...v, steps: v.steps.filter((_, j) => j !== i) }))}
          >
            Remove step {i + 1}
          </button>
        </fieldset>
      ))}
      <div>
        <button
          type="button"
          className="button-quiet"
          data-testid="policy-add-step"
          disabled={values.steps.length >= MAX_STEPS}
          onClick={() =>
            setValues((v) => ({ ...v, steps: [...v.steps, { waitMinutes: '15', targets: [''] }] }))
          }
        >
          Add step
        </button>
      </div>
    </OnCallFormShell>
  );
}
