import type { ReactNode } from 'react';
import type { OnCallFormState } from '../lib/useOnCallForm';
import { FormField } from './FormField';
import { FormSubmitRow } from './FormSubmitRow';

/** OnCallFormShellProps carry what every on-call form has: a name, an id when new, the submit state and the rest. */
export interface OnCallFormShellProps<V extends { name: string; id: string }> {
  /** kind prefixes the form's test ids and control ids: 'policy' gives policy-form and policy-name. */
  kind: string;
  title: string;
  creating: boolean;
  form: OnCallFormState<V>;
  submitLabel: string;
  /** fields are more controls beside the name, in the same grid. */
  fields: ReactNode;
  children: ReactNode;
}

/**
 * OnCallFormShell is the frame of an escalation policy or schedule form: its heading, the name and (for a new object)
 * the optional id, the caller's fields, and the live problem region with the submit button.
 */
export function OnCallFormShell<V extends { name: string; id: string }>({
  kind,
  title,
  creating,
  form,
  submitLabel,
  fields,
  children,
}: OnCallFormShellProps<V>) {
  const { values, setValues, fieldProblem } = form;
  return (
    <form
      ref={form.formRef}
      className="silence-form"
      data-testid={`${kind}-form`}
      onSubmit={(e) => void form.onSubmit(e)}
      aria-labelledby={`${kind}-form-title`}
      noValidate
    >
      <h2 id={`${kind}-form-title`}>{title}</h2>
      <div className="silence-grid">
        <FormField id={`${kind}-name`} label="Name" problem={fieldProblem('name')}>
          {(c) => (
            <input
              {...c}
              value={values.name}
              maxLength={128}
              onChange={(e) => setValues((v) => ({ ...v, name: e.target.value }))}
            />
          )}
        </FormField>
        {creating ? (
          <FormField
            id={`${kind}-id`}
            label="Id (optional)"
            hint="Lower-case letters, digits, - and _; chosen for you when empty."
            problem={fieldProblem('id')}
          >
            {(c) => (
              <input
                {...c}
                value={values.id}
                maxLength={63}
                spellCheck={false}
                onChange={(e) => setValues((v) => ({ ...v, id: e.target.value }))}
              />
            )}
          </FormField>
        ) : null}
        {fields}
      </div>
      {children}
      <FormSubmitRow
        testId={kind}
        problem={form.problem?.message ?? null}
        sending={form.sending}
        label={submitLabel}
        sendingLabel="Saving…"
      />
    </form>
  );
}
