import type { ReactNode } from 'react';

/** ChartFrameProps describe one chart panel and which of its states to show. */
export interface ChartFrameProps {
  title: string;
  testId: string;
  state: 'loading' | 'error' | 'empty' | 'ready';
  /** message is shown for the error and empty states. */
  message?: string;
  /** summary is the one-sentence text alternative of the chart, read before it. */
  summary?: string;
  children?: ReactNode;
}

/**
 * ChartFrame holds a chart at a fixed height whatever its state, so nothing below it moves while data
 * loads or when it fails; the summary comes first so a screen reader gets the point without the picture.
 */
export function ChartFrame({ title, testId, state, message, summary, children }: ChartFrameProps) {
  return (
    <figure className="chart-frame" data-testid={testId} data-state={state} aria-busy={state === 'loading'}>
      <figcaption className="chart-title">{title}</figcaption>
      <p className="chart-summary" data-testid={`${testId}-summary`}>
        {state === 'ready' ? summary : null}
      </p>
      <div className="chart-body">
        {state === 'loading' ? (
          <p className="chart-placeholder" role="status">
            Loading…
          </p>
        ) : state === 'error' ? (
          <p className="chart-placeholder chart-error" role="alert">
            {message ?? 'Could not load this chart.'}
          </p>
        ) : state === 'empty' ? (
          <p className="chart-placeholder">{message ?? 'No data in this range.'}</p>
        ) : (
          children
        )}
      </div>
    </figure>
  );
}
