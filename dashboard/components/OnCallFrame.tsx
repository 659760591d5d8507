import type { ReactNode } from 'react';

// Placeholders and content share one height, so loading, failing or an empty list never moves what is below.
const BODY_HEIGHT = '12rem';

/** OnCallFrameProps describe one panel of the on-call page and which of its states to show. */
export interface OnCallFrameProps {
  testId: string;
  state: 'loading' | 'error' | 'empty' | 'ready';
  /** message is shown for the loading, error and empty states. */
  message?: string;
  children?: ReactNode;
}

/** OnCallFrame holds a panel of the on-call page at a fixed minimum height whatever its state. */
export function OnCallFrame({ testId, state, message, children }: OnCallFrameProps) {
  return (
    <div className="chart-frame" data-testid={testId} data-state={state} aria-busy={state === 'loading'}>
      {state === 'ready' ? (
        <div style={{ minHeight: BODY_HEIGHT }}>{children}</div>
      ) : (
        <p
          className={state === 'error' ? 'chart-placeholder chart-error' : 'chart-placeholder'}
          style={{ height: BODY_HEIGHT }}
          data-testid={`${testId}-message`}
          {...(state === 'error' ? { role: 'alert' } : {})}
        >
          {message}
        </p>
      )}
    </div>
  );
}
