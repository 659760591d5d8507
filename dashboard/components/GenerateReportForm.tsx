'use client';

import type { Tenant } from '@sightline/contracts';
import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { apiGet } from '../lib/apiGet';
import { apiSend } from '../lib/apiSend';
import { recentReportWeeks, type ReportWeekOption } from '../lib/recentReportWeeks';
import { EXECUTIVE_TENANT, isReportEnvelope, type Report } from '../lib/reportApiShapes';
import { reportName } from '../lib/reportName';
import { usePolling } from '../lib/usePolling';
import { ReportFileLinks } from './ReportFileLinks';
import { ReportJobState } from './ReportJobState';

/** REPORT_JOB_POLL_MS is how often a running job's progress is asked for. */
export const REPORT_JOB_POLL_MS = 1000;

/** GenerateReportFormProps carry the session, the tenants the viewer may ask for, and what to tell the page. */
export interface GenerateReportFormProps {
  apiUrl: string;
  token: string;
  /** tenants are the tenants the viewer may see, already narrowed to its own for a tenant reader. */
  tenants: readonly Tenant[];
  /** platform readers may also ask for the executive summary across tenants. */
  platform: boolean;
  tenantName: (tenantId: string) => string;
  /** onFinished is told when a job ends (done or failed), so the archive can refresh. */
  onFinished: () => void;
  onUnauthorized: () => void;
  /** pollMs is REPORT_JOB_POLL_MS unless a test shortens it. */
  pollMs?: number;
}

const dayFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' });

function weekText(week: ReportWeekOption): string {
  return `${week.label}: ${dayFormat.format(new Date(week.monday))} – ${dayFormat.format(new Date(week.sunday))}`;
}

/**
 * GenerateReportForm asks the api for a report of one tenant (or the executive summary) for one of the last 12
 * complete weeks, then follows the job every second, showing its stage and progress until it is done (with links
 * to the PDF and HTML) or has failed (with why).
 */
export function GenerateReportForm(props: GenerateReportFormProps) {
  const { apiUrl, token, tenants, platform, tenantName, onFinished, onUnauthorized } = props;
  const weeks = useMemo(() => recentReportWeeks(Date.now()), []);
  const targets = useMemo(
    () => [
      ...tenants.map((t) => ({ value: t.id, label: `${t.name} (${t.id})` })),
      ...(platform ? [{ value: EXECUTIVE_TENANT, label: 'Executive summary (all tenants)' }] : []),
    ],
    [tenants, platform],
  );
  const [target, setTarget] = useState('');
  const [week, setWeek] = useState(weeks[0]?.label ?? '');
  const [force, setForce] = useState(false);
  const [sending, setSending] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [job, setJob] = useState<{ report: Report; existed: boolean } | null>(null);
  const [pollProblem, setPollProblem] = useState<string | null>(null);
  const chosen = targets.some((t) => t.value === target) ? target : (targets[0]?.value ?? '');
  const active = job !== null && (job.report.status === 'queued' || job.report.status === 'running');

  usePolling(
    async (signal) => {
      if (job === null) return;
      const r = await apiGet(apiUrl, `/v1/reports/${job.report.id}`, token, isReportEnvelope, signal);
      if (r.kind === 'unauthorized') return onUnauthorized();
      if (r.kind !== 'ok') return setPollProblem(r.message);
      setPollProblem(null);
      setJob((current) =>
        current !== null && current.report.id === r.body.report.id
          ? { ...current, report: r.body.report }
          : current,
      );
    },
    active,
    String(job?.report.id ?? ''),
    props.pollMs ?? REPORT_JOB_POLL_MS,
  );

  // The archive refreshes once per job that ends here, not on every render after it.
  const told = useRef<number | null>(null);
  useEffect(() => {
    if (job === null || active || told.current === job.report.id) return;
    told.current = job.report.id;
    onFinished();
  }, [job, active, onFinished]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (chosen === '' || active) return;
    setSending(true);
    setProblem(null);
    setJob(null);
    told.current = null;
    const body =
      chosen === EXECUTIVE_TENANT
        ? { kind: 'executive', week, ...(force ? { force } : {}) }
        : { kind: 'tenant', tenant: chosen, week, ...(force ? { force } : {}) };
    const r = await apiSend(apiUrl, 'POST', '/v1/reports', token, body, isReportEnvelope);
    setSending(false);
    if (r.kind === 'unauthorized') return onUnauthorized();
    if (r.kind !== 'ok') return setProblem(r.message);
    // A report that was already there and finished is "existing"; one queued or re-run is followed like a new one.
    setJob({ report: r.body.report, existed: !force && r.body.report.status === 'done' });
  }

  const name = job === null ? '' : reportName(job.report, tenantName);

  return (
    <form
      className="report-form"
      onSubmit={(e) => void submit(e)}
      aria-labelledby="report-form-title"
      data-testid="report-form"
      noValidate
    >
      <h2 id="report-form-title">Generate a report</h2>
      <div className="report-form-grid">
        <div className="field">
          <label htmlFor="report-target">Report for</label>
          <select
            id="report-target"
            value={chosen}
            onChange={(e) => setTarget(e.target.value)}
            disabled={targets.length === 0}
          >
            {targets.map((t) => (
              <option key={t.value} value={t.value}>
                {t.label}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="report-week">Week</label>
          <select id="report-week" value={week} onChange={(e) => setWeek(e.target.value)}>
            {weeks.map((w) => (
              <option key={w.label} value={w.label}>
                {weekText(w)}
              </option>
            ))}
          </select>
        </div>
      </div>
      <label className="report-force">
        <input type="checkbox" checked={force} onChange={(e) => setForce(e.target.checked)} /> Generate again
        even if the report exists
      </label>
      {problem !== null ? (
        <p className="alert" role="alert" data-testid="report-form-problem">
          {problem}
        </p>
      ) : null}
      <div>
        <button
          type="submit"
          className="button-primary"
          data-testid="report-generate"
          disabled={sending || active || chosen === ''}
        >
          {sending ? 'Asking…' : active ? 'Generating…' : 'Generate report'}
        </button>
      </div>
      {/* Always rendered, so screen readers announce each new stage as it arrives. */}
      <div className="report-job" aria-live="polite" data-testid="report-job-panel">
        {job !== null ? (
          <>
            <p className="report-job-title">{job.existed ? `${name} already exists.` : `${name}`}</p>
            <ReportJobState report={job.report} name={name} />
            {job.report.status === 'failed' ? (
              <p className="alert" role="alert" data-testid="report-job-error">
                The report could not be generated: {job.report.error ?? 'no reason given'}
              </p>
            ) : null}
            {job.report.status === 'done' && job.report.hasData ? (
              <ReportFileLinks
                apiUrl={apiUrl}
                token={token}
                id={job.report.id}
                name={name}
                onUnauthorized={onUnauthorized}
              />
            ) : null}
            {pollProblem !== null ? (
              <p className="board-note" data-testid="report-poll-problem">
                Could not refresh the progress ({pollProblem}); trying again.
              </p>
            ) : null}
          </>
        ) : null}
      </div>
    </form>
  );
}
