'use client';

import type { Tenant } from '@sightline/contracts';
import { useEffect, useState, type FormEvent } from 'react';
import { apiGet } from '../lib/apiGet';
import { apiSend } from '../lib/apiSend';
import { parseEmailList } from '../lib/parseEmailList';
import { EXECUTIVE_TENANT, isReportRecipients } from '../lib/reportApiShapes';

/** ReportRecipientsEditorProps carry the session and whose recipients the viewer may edit. */
export interface ReportRecipientsEditorProps {
  apiUrl: string;
  token: string;
  /** scope 'own' edits ownTenant's only (a tenant_admin); 'all' any tenant's and the executive summary's. */
  scope: 'own' | 'all';
  ownTenant: string | null;
  tenants: readonly Tenant[];
  onUnauthorized: () => void;
}

/**
 * ReportRecipientsEditor shows and replaces who receives a tenant's weekly reports by e-mail (or, for a platform
 * super_admin, the executive summary's). The api's reason for refusing a list is shown beside it.
 */
export function ReportRecipientsEditor(props: ReportRecipientsEditorProps) {
  const { apiUrl, token, scope, ownTenant, tenants, onUnauthorized } = props;
  const choices =
    scope === 'own'
      ? ownTenant === null
        ? []
        : [{ value: ownTenant, label: tenants.find((t) => t.id === ownTenant)?.name ?? ownTenant }]
      : [
          ...tenants.map((t) => ({ value: t.id, label: `${t.name} (${t.id})` })),
          { value: EXECUTIVE_TENANT, label: 'Executive summary (all tenants)' },
        ];
  const [picked, setPicked] = useState('');
  const tenant = choices.some((c) => c.value === picked) ? picked : (choices[0]?.value ?? '');
  const [text, setText] = useState('');
  const [state, setState] = useState<'loading' | 'ready' | 'saving' | 'error'>('loading');
  const [message, setMessage] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    if (tenant === '') return;
    const abort = new AbortController();
    setState('loading');
    setMessage(null);
    setProblem(null);
    apiGet(
      apiUrl,
      `/v1/reports/recipients/${encodeURIComponent(tenant)}`,
      token,
      isReportRecipients,
      abort.signal,
    ).then(
      (r) => {
        if (r.kind === 'unauthorized') return onUnauthorized();
        if (r.kind !== 'ok') {
          setState('error');
          return setProblem(r.message);
        }
        setText(r.body.emails.join('\n'));
        setState('ready');
      },
      () => undefined,
    );
    return () => abort.abort();
  }, [apiUrl, token, tenant, onUnauthorized]);

  async function save(event: FormEvent) {
    event.preventDefault();
    if (tenant === '' || state === 'saving') return;
    setState('saving');
    setMessage(null);
    setProblem(null);
    const emails = parseEmailList(text);
    const r = await apiSend(
      apiUrl,
      'PUT',
      `/v1/reports/recipients/${encodeURIComponent(tenant)}`,
      token,
      { emails },
      isReportRecipients,
    );
    if (r.kind === 'unauthorized') return onUnauthorized();
    setState('ready');
    if (r.kind !== 'ok') return setProblem(r.message);
    setText(r.body.emails.join('\n'));
    setMessage(
      r.body.emails.length === 0
        ? 'Saved: nobody receives these reports by e-mail.'
        : `Saved ${r.body.emails.length} recipient${r.body.emails.length === 1 ? '' : 's'}.`,
    );
  }

  return (
    <form
      className="report-form"
      onSubmit={(e) => void save(e)}
      aria-labelledby="recipients-title"
      aria-busy={state === 'loading'}
      data-testid="recipients-form"
      noValidate
    >
      <h2 id="recipients-title">E-mail recipients</h2>
      {scope === 'all' ? (
        <div className="field">
          <label htmlFor="recipients-tenant">Reports of</label>
          <select id="recipients-tenant" value={tenant} onChange={(e) => setPicked(e.target.value)}>
            {choices.map((c) => (
              <option key={c.value} value={c.value}>
                {c.label}
              </option>
            ))}
          </select>
        </div>
      ) : (
        <p className="board-note">Reports of {choices[0]?.label ?? 'your tenant'}</p>
      )}
      <div className="field">
        <label htmlFor="recipients-emails">E-mail addresses</label>
        <textarea
          id="recipients-emails"
          rows={5}
          value={text}
          onChange={(e) => setText(e.target.value)}
          disabled={state === 'loading'}
          aria-describedby={problem !== null ? 'recipients-hint recipients-problem' : 'recipients-hint'}
          aria-invalid={problem !== null ? true : undefined}
        />
        <p className="field-hint" id="recipients-hint">
          One address per line, at most 50. Each Monday&apos;s report is e-mailed to them as a PDF.
        </p>
      </div>
      {problem !== null ? (
        <p className="alert" role="alert" id="recipients-problem" data-testid="recipients-problem">
          {problem}
        </p>
      ) : null}
      <p className="board-note" role="status" data-testid="recipients-status">
        {state === 'loading' ? 'Loading recipients…' : (message ?? '')}
      </p>
      <div>
        <button
          type="submit"
          className="button-primary"
          data-testid="recipients-save"
          disabled={state === 'loading' || state === 'saving' || tenant === ''}
        >
          {state === 'saving' ? 'Saving…' : 'Save recipients'}
        </button>
      </div>
    </form>
  );
}
