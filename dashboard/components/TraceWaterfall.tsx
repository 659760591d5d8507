'use client';

import type { SpanView } from '@sightline/contracts';
import Link from 'next/link';
import { formatMs } from '../lib/format';
import { exploreHref, logsAround } from '../lib/logQuery';
import { isSlowSpan, spanStatus } from '../lib/spanStatus';
import { waterfallLayout } from '../lib/waterfallLayout';

/** TraceWaterfallProps are the trace's spans, the selected span and what to call when another is picked. */
export interface TraceWaterfallProps {
  spans: readonly SpanView[];
  selectedSpanId: string | null;
  onSelect: (spanId: string) => void;
}

/** spanLogsHref is the explorer search for the logs around a span: its tenant, a minute either side. */
export function spanLogsHref(span: SpanView): string {
  return exploreHref(logsAround(span.tenantId, span.startTime, span.endTime));
}

/** TraceWaterfall draws each span as a bar placed by start and duration, nested under its parent. */
export function TraceWaterfall({ spans, selectedSpanId, onSelect }: TraceWaterfallProps) {
  const layout = waterfallLayout(spans);
  return (
    <div className="waterfall" data-testid="waterfall">
      <p className="waterfall-scale" aria-hidden="true">
        <span>0 ms</span>
        <span>{formatMs(layout.totalMs)}</span>
      </p>
      <ol className="waterfall-rows" aria-label={`Spans, ${layout.rows.length}, nested by parent`}>
        {layout.rows.map(({ span, depth, offsetPct, widthPct }) => {
          const status = spanStatus(span);
          const slow = isSlowSpan(span);
          const selected = span.spanId === selectedSpanId;
          return (
            <li
              key={span.spanId}
              className="span-row"
              data-testid="span-row"
              data-span-id={span.spanId}
              data-depth={depth}
              data-status={status}
              data-slow={slow ? 'true' : 'false'}
              style={{ ['--depth' as string]: depth }}
            >
              <button
                type="button"
                className="span-select"
                aria-pressed={selected}
                onClick={() => onSelect(span.spanId)}
              >
                <span className="span-label">
                  <span className="span-service">{span.service}</span>{' '}
                  <span className="span-name">{span.name}</span>
                  <span className="visually-hidden">
                    , {formatMs(span.durationMs)}, status {status}
                    {slow ? ', slow' : ''}, depth {depth}
                  </span>
                </span>
                <span className="span-track" aria-hidden="true">
                  <span
                    className="span-bar"
                    data-testid="span-bar"
                    style={{ left: `${offsetPct}%`, width: `max(${widthPct}%, 2px)` }}
                  />
                </span>
                <span className="span-duration" aria-hidden="true">
                  {formatMs(span.durationMs)}
                </span>
              </button>
              {status === 'error' || slow ? (
                <Link className="span-logs" href={spanLogsHref(span)} data-testid="span-row-logs-link">
                  Logs<span className="visually-hidden"> around {span.name}</span>
                </Link>
              ) : (
                <span className="span-logs" aria-hidden="true" />
              )}
            </li>
          );
        })}
      </ol>
    </div>
  );
}
