'use client';

import { useEffect, useRef, useState } from 'react';
import type { SaveProblem } from '../lib/useOnCallForm';

/** ConfirmDeleteProps name what is deleted and how. */
export interface ConfirmDeleteProps {
  testId: string;
  /** what is the thing deleted, in words: 'escalation policy “Default”'. */
  what: string;
  onDelete: () => Promise<SaveProblem | null>;
}

/**
 * ConfirmDelete deletes only after a second, explicit yes: the first button asks, naming what goes, and the question
 * takes the focus; the api's reason for refusing (still referenced, say) is announced.
 */
export function ConfirmDelete({ testId, what, onDelete }: ConfirmDeleteProps) {
  const [state, setState] = useState<'idle' | 'asking' | 'deleting'>('idle');
  const [problem, setProblem] = useState<string | null>(null);
  const question = useRef<HTMLParagraphElement>(null);

  useEffect(() => {
    if (state === 'asking') question.current?.focus();
  }, [state]);

  async function confirm() {
    setState('deleting');
    setProblem(null);
    const refused = await onDelete();
    if (refused !== null) {
      setProblem(refused.message);
      setState('idle');
    }
  }

  return (
    <section className="panel-section" aria-labelledby={`${testId}-title`} data-testid={testId}>
      <h2 id={`${testId}-title`}>Delete</h2>
      {state === 'idle' ? (
        <button
          type="button"
          className="button-quiet"
          data-testid={`${testId}-ask`}
          onClick={() => setState('asking')}
        >
          Delete {what}…
        </button>
      ) : (
        <div role="group" aria-labelledby={`${testId}-question`}>
          <p id={`${testId}-question`} tabIndex={-1} ref={question} data-testid={`${testId}-question`}>
            Delete {what}? This cannot be undone.
          </p>
          <div style={{ display: 'flex', flexWrap: 'wrap', gap: '0.5rem' }}>
            <button
              type="button"
              className="button-primary"
              data-testid={`${testId}-confirm`}
              disabled={state === 'deleting'}
              onClick={() => void confirm()}
            >
              {state === 'deleting' ? 'Deleting…' : 'Yes, delete'}
            </button>
            <button
              type="button"
              className="button-quiet"
              data-testid={`${testId}-cancel`}
              disabled={state === 'deleting'}
              onClick={() => setState('idle')}
            >
              Cancel
            </button>
          </div>
        </div>
      )}
      <div className={problem !== null ? 'alert' : undefined} role="alert" data-testid={`${testId}-problem`}>
        {problem === null ? '' : `Not deleted: ${problem}`}
      </div>
    </section>
  );
}
