'use client';

import { useState } from 'react';
import { openReportFile } from '../lib/openReportFile';

/** ReportFileLinksProps carry the report to open, the session, and what to do when the token was refused. */
export interface ReportFileLinksProps {
  apiUrl: string;
  token: string;
  id: number;
  /** name says which report the links open, for screen readers, e.g. "Acme Corp 2026-W47". */
  name: string;
  onUnauthorized: () => void;
}

/**
 * ReportFileLinks downloads a finished report's PDF and opens its HTML. They are real links to the api (focusable,
 * keyboard-usable), but a click fetches the file with the bearer token, which a plain link cannot send.
 */
export function ReportFileLinks({ apiUrl, token, id, name, onUnauthorized }: ReportFileLinksProps) {
  const [busy, setBusy] = useState<'pdf' | 'html' | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  async function open(format: 'pdf' | 'html') {
    setBusy(format);
    setProblem(null);
    const result = await openReportFile(apiUrl, token, id, format);
    setBusy(null);
    if (result.kind === 'unauthorized') onUnauthorized();
    else if (result.kind === 'error') setProblem(result.message);
  }

  const link = (format: 'pdf' | 'html', label: string) => (
    <a
      href={`${apiUrl}/v1/reports/${id}/${format}`}
      className="report-file-link"
      data-testid={`report-${format}`}
      aria-busy={busy === format}
      onClick={(event) => {
        event.preventDefault();
        if (busy === null) void open(format);
      }}
    >
      {busy === format ? `${label}…` : label}
      <span className="visually-hidden"> of {name}</span>
    </a>
  );

  return (
    <span className="report-files">
      {link('pdf', 'Download PDF')}
      {link('html', 'View HTML')}
      {problem !== null ? (
        <span className="report-file-problem" role="alert" data-testid="report-file-problem">
          {problem}
        </span>
      ) : null}
    </span>
  );
}
