'use client';

import {
  useEffect,
  useRef,
  useState,
  type Dispatch,
  type FormEvent,
  type RefObject,
  type SetStateAction,
} from 'react';
import { problemField } from './problemField';
import type { FormCheck } from './policyForm';

/** SaveProblem is why the api refused a save or a delete: its status (null when it could not be reached) and reason. */
export interface SaveProblem {
  status: number | null;
  message: string;
}

/** FormProblem is what the form shows: the field an api path names (null for the form as a whole) and why. */
export interface FormProblem {
  field: string | null;
  message: string;
}

/** OnCallFormOptions say how a form's values become a request, which fields it has, and how it is sent. */
export interface OnCallFormOptions<V, B> {
  initial: V;
  creating: boolean;
  fields: (values: V) => string[];
  build: (values: V, creating: boolean) => FormCheck<B>;
  save: (body: B) => Promise<SaveProblem | null>;
}

/** OnCallFormState is a form's values and what its controls and submit row need. */
export interface OnCallFormState<V> {
  values: V;
  setValues: Dispatch<SetStateAction<V>>;
  problem: FormProblem | null;
  sending: boolean;
  onSubmit: (event: FormEvent<HTMLFormElement>) => Promise<void>;
  /** fieldProblem is the message for the field at that api path, when it is the one in trouble. */
  fieldProblem: (path: string) => string | null;
  formRef: RefObject<HTMLFormElement | null>;
}

/**
 * useOnCallForm holds an on-call form's values and submits them: what cannot be sent is stopped with the field to fix,
 * and an api refusal lands on the field its problem detail names (a taken id, 409, on the id). The first invalid
 * field takes the focus, so a keyboard or screen reader user is taken to what needs fixing.
 */
export function useOnCallForm<V, B>(o: OnCallFormOptions<V, B>): OnCallFormState<V> {
  const [values, setValues] = useState<V>(o.initial);
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const [sending, setSending] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);

  useEffect(() => {
    if (!problem?.field) return;
    const invalid = formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]');
    // A list of picks is marked as a whole; its first control takes the focus.
    (invalid?.matches('fieldset') ? invalid.querySelector<HTMLElement>('select, input') : invalid)?.focus();
  }, [problem]);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (sending) return;
    const built = o.build(values, o.creating);
    if (!built.ok) return setProblem({ field: built.field, message: built.message });
    setSending(true);
    setProblem(null);
    const refused = await o.save(built.body);
    setSending(false);
    if (refused === null) return;
    const field =
      refused.status === 409 && o.creating
        ? 'id'
        : refused.status === 400
          ? problemField(refused.message, o.fields(values))
          : null;
    setProblem({ field, message: refused.message });
  }

  const fieldProblem = (path: string): string | null => (problem?.field === path ? problem.message : null);

  return { values, setValues, problem, sending, onSubmit, fieldProblem, formRef };
}
