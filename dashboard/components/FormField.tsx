import type { ReactNode } from 'react';
import { FieldProblem } from './FieldProblem';

/** FieldControlProps are what a control needs to be named, described and marked invalid by its FormField. */
export interface FieldControlProps {
  id: string;
  'aria-invalid'?: true;
  'aria-describedby'?: string;
}

/** FormFieldProps carry the control's id and label, an optional hint, the problem to show, and the control. */
export interface FormFieldProps {
  id: string;
  label: ReactNode;
  hint?: string;
  problem?: string | null;
  children: (control: FieldControlProps) => ReactNode;
}

/** FormField lays out one labelled control with its hint and, when it is refused, the reason right beneath it. */
export function FormField({ id, label, hint, problem, children }: FormFieldProps) {
  const hintId = hint === undefined ? null : `${id}-hint`;
  const problemId = problem ? `${id}-problem` : null;
  const describedBy = [hintId, problemId].filter((x) => x !== null).join(' ');
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children({
        id,
        ...(problemId !== null ? { 'aria-invalid': true as const } : {}),
        ...(describedBy !== '' ? { 'aria-describedby': describedBy } : {}),
      })}
      {hintId !== null ? (
        <p className="field-hint" id={hintId}>
          {hint}
        </p>
      ) : null}
      {problemId !== null ? <FieldProblem id={problemId} message={problem!} /> : null}
    </div>
  );
}
