'use client';

import type { TraceView } from '@sightline/contracts';
import Link from 'next/link';
import { useEffect, useState } from 'react';
import { apiGet } from '../lib/apiGet';
import { isTraceView } from '../lib/apiShapes';
import { formatMs } from '../lib/format';
import { exploreHref } from '../lib/logQuery';
import { spanStatus } from '../lib/spanStatus';
import { useSession } from '../lib/useSession';
import { LogList } from './LogList';
import { spanLogsHref, TraceWaterfall } from './TraceWaterfall';

/** TraceDetailProps carry the api base URL and the trace id from the route. */
export interface TraceDetailProps {
  apiUrl: string;
  traceId: string;
}

type State = { kind: 'loading' } | { kind: 'error'; message: string } | { kind: 'ok'; trace: TraceView };

/** TraceDetail shows one trace: the span waterfall, the selected span's attributes, and the trace's logs in time order. */
export function TraceDetail({ apiUrl, traceId }: TraceDetailProps) {
  const { session, signOut } = useSession();
  const [state, setState] = useState<State>({ kind: 'loading' });
  const [selected, setSelected] = useState<string | null>(null);
  const id = traceId.toLowerCase();
  const wellFormed = /^[0-9a-f]{32}$/.test(id);

  useEffect(() => {
    if (session === null) return;
    if (!wellFormed) {
      setState({ kind: 'error', message: 'That is not a trace id (32 hex digits).' });
      return;
    }
    const abort = new AbortController();
    setState({ kind: 'loading' });
    apiGet(apiUrl, `/v1/traces/${id}`, session.token, isTraceView, abort.signal).then(
      (r) => {
        if (r.kind === 'unauthorized') signOut();
        else if (r.kind === 'ok') {
          setState({ kind: 'ok', trace: r.body });
          setSelected(r.body.spans[0]?.spanId ?? null);
        } else if (r.kind === 'notfound')
          setState({ kind: 'error', message: 'No such trace (it may have expired).' });
        else setState({ kind: 'error', message: r.message });
      },
      () => undefined,
    );
    return () => abort.abort();
  }, [apiUrl, id, wellFormed, session, signOut]);

  const trace = state.kind === 'ok' ? state.trace : null;
  const span = trace?.spans.find((s) => s.spanId === selected);
  const logs = trace ? [...trace.logs].sort((a, b) => Date.parse(a.time) - Date.parse(b.time)) : [];
  const tenant = trace?.spans[0]?.tenantId ?? trace?.logs[0]?.tenantId;

  return (
    <>
      <div className="page-bar">
        <h1 className="page-title">
          Trace{' '}
          <code className="trace-id" data-testid="trace-id">
            {id}
          </code>
        </h1>
        {tenant !== undefined ? (
          <Link
            className="button-quiet"
            href={exploreHref({ tenant, traceId: id })}
            data-testid="trace-logs-explore-link"
          >
            All logs of this trace in the explorer
          </Link>
        ) : null}
      </div>
      {state.kind === 'loading' ? (
        <p className="board-note" role="status" data-testid="trace-loading">
          Loading trace…
        </p>
      ) : null}
      {state.kind === 'error' ? (
        <p className="alert" role="alert" data-testid="trace-error">
          {state.message}
        </p>
      ) : null}
      {trace !== null ? (
        <div className="trace-layout">
          <section className="trace-spans" aria-labelledby="spans-title">
            <h2 id="spans-title">Spans</h2>
            {trace.spans.length === 0 ? (
              <p className="board-note">No spans of this trace are stored; its logs are on the right.</p>
            ) : (
              <TraceWaterfall spans={trace.spans} selectedSpanId={selected} onSelect={setSelected} />
            )}
            {span !== undefined ? (
              <section
                className="span-details"
                data-testid="span-details"
                aria-labelledby="span-details-title"
              >
                <h3 id="span-details-title">
                  {span.service} · {span.name}
                </h3>
                <dl className="span-facts">
                  <dt>Duration</dt>
                  <dd>{formatMs(span.durationMs)}</dd>
                  <dt>Status</dt>
                  <dd data-testid="span-status">
                    {spanStatus(span)}
                    {span.statusMessage ? ` — ${span.statusMessage}` : ''}
                  </dd>
                  <dt>Span id</dt>
                  <dd>
                    <code>{span.spanId}</code>
                  </dd>
                  <dt>Start</dt>
                  <dd>
                    <time dateTime={span.startTime}>{span.startTime}</time>
                  </dd>
                </dl>
                <h4>Attributes</h4>
                <dl className="span-attributes" data-testid="span-attributes">
                  {Object.entries(span.attributes)
                    .sort(([a], [b]) => a.localeCompare(b))
                    .map(([key, value]) => (
                      <div key={key}>
                        <dt>{key}</dt>
                        <dd>{typeof value === 'string' ? value : JSON.stringify(value)}</dd>
                      </div>
                    ))}
                </dl>
                <Link href={spanLogsHref(span)} data-testid="span-logs-link">
                  Logs around this span (±1 min)
                </Link>
              </section>
            ) : null}
          </section>
          <section className="trace-logs" aria-labelledby="trace-logs-title" data-testid="trace-logs">
            <h2 id="trace-logs-title">Logs of this trace ({logs.length})</h2>
            {logs.length === 0 ? (
              <p className="board-note">No log lines carry this trace id.</p>
            ) : (
              <LogList logs={logs} linkTraces={false} label="Log lines of this trace, oldest first" />
            )}
          </section>
        </div>
      ) : null}
    </>
  );
}
