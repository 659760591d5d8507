import type pg from 'pg';
import { withTransaction } from '@sightline/db';
import type { ReportWeek, TenantWeeklyReport } from '../report/WeeklyReport';

/** ReportKind says whether a report is one tenant's or the executive summary across tenants. */
export type ReportKind = 'tenant' | 'executive';

/** EXECUTIVE_TENANT is the tenant key of executive summaries (and of their recipients). */
export const EXECUTIVE_TENANT = '*';

/** ReportRow is a report's archive entry and job state, without its HTML and PDF. */
export interface ReportRow {
  id: number;
  kind: ReportKind;
  tenantId: string;
  weekLabel: string;
  weekStart: string;
  weekEnd: string;
  status: 'queued' | 'running' | 'done' | 'failed';
  progress: number;
  stage: string;
  trigger: 'schedule' | 'on-demand';
  requestedBy: string | null;
  attempts: number;
  error: string | null;
  summary: string | null;
  reportStatus: string | null;
  emailRecipients: string[];
  emailedAt: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  hasData: boolean;
}

const COLUMNS = `id::int AS id, kind, tenant_id AS "tenantId", week_label AS "weekLabel",
  to_char(week_start AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "weekStart",
  to_char(week_end AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "weekEnd",
  status, progress, stage, trigger, requested_by AS "requestedBy", attempts, error, summary,
  report_status AS "reportStatus", email_recipients AS "emailRecipients",
  to_char(emailed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "emailedAt",
  to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "createdAt",
  to_char(started_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "startedAt",
  to_char(finished_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "finishedAt",
  data IS NOT NULL AS "hasData"`;

/** ListFilter narrows the archive listing. */
export interface ListFilter {
  tenantIds?: readonly string[];
  kind?: ReportKind;
  limit: number;
  /** before pages backwards: only reports with an id below it. */
  before?: number;
}

/** ReportArchive keeps every report with its job state in the reports schema; any replica may work any job. */
export class ReportArchive {
  /** constructor takes the pool. */
  constructor(private readonly pool: pg.Pool) {}

  /**
   * enqueue asks for a report; exactly one row exists per kind, tenant and week, so a second request (from another
   * replica's scheduler, or a user) returns the same job. `force` re-runs a finished or failed one.
   */
  async enqueue(
    kind: ReportKind,
    tenantId: string,
    week: ReportWeek,
    trigger: 'schedule' | 'on-demand',
    requestedBy: string | null,
    now: Date,
    force = false,
  ): Promise<{ row: ReportRow; created: boolean }> {
    const { rows } = await this.pool.query<ReportRow & { inserted: boolean }>(
      `INSERT INTO reports.reports AS r
         (kind, tenant_id, week_label, week_start, week_end, status, trigger, requested_by, next_attempt_at, created_at)
       VALUES ($1, $2, $3, $4, $5, 'queued', $6, $7, $8, $8)
       ON CONFLICT (kind, tenant_id, week_label) DO UPDATE SET
         status = CASE WHEN $9 AND r.status IN ('done', 'failed') THEN 'queued' ELSE r.status END,
         progress = CASE WHEN $9 AND r.status IN ('done', 'failed') THEN 0 ELSE r.progress END,
         stage = CASE WHEN $9 AND r.status IN ('done', 'failed') THEN 'queued' ELSE r.stage END,
         attempts = CASE WHEN $9 AND r.status IN ('done', 'failed') THEN 0 ELSE r.attempts END,
         error = CASE WHEN $9 AND r.status IN ('done', 'failed') THEN NULL ELSE r.error END,
         next_attempt_at = CASE WHEN $9 AND r.status IN ('done', 'failed') THEN $8 ELSE r.next_attempt_at END,
         requested_by = CASE WHEN $9 AND r.status IN ('done', 'failed') THEN $7 ELSE r.requested_by END
       RETURNING ${COLUMNS}, (xmax = 0) AS inserted`,
      [kind, tenantId, week.label, week.start, week.end, trigger, requestedBy, now, force],
    );
    const { inserted, ...row } = rows[0]!;
    return { row, created: inserted };
  }

  /** claim takes the next due job with a lease; a replica that dies mid-job lets it go when the lease ends. */
  async claim(now: Date, leaseMs: number): Promise<ReportRow | null> {
    const { rows } = await this.pool.query<ReportRow>(
      `UPDATE reports.reports SET status = 'running', attempts = attempts + 1, locked_until = $2,
              started_at = COALESCE(started_at, $1), stage = 'starting', progress = GREATEST(progress, 1)
       WHERE id = (
         SELECT id FROM reports.reports
         WHERE status IN ('queued', 'running') AND next_attempt_at <= $1 AND (locked_until IS NULL OR locked_until < $1)
         ORDER BY next_attempt_at, id LIMIT 1 FOR UPDATE SKIP LOCKED)
       RETURNING ${COLUMNS}`,
      [now, new Date(now.getTime() + leaseMs)],
    );
    return rows[0] ?? null;
  }

  /** progress records a job's stage; a row no longer running (cancelled, re-queued) is left alone. */
  async progress(id: number, stage: string, percent: number): Promise<void> {
    await this.pool.query(
      `UPDATE reports.reports SET stage = $2, progress = $3 WHERE id = $1 AND status = 'running'`,
      [id, stage, percent],
    );
  }

  /** store keeps a generated report; the job stays running until it is delivered. */
  async store(
    id: number,
    out: { data: unknown; html: string; pdf: Buffer; summary: string; reportStatus: string | null },
  ): Promise<void> {
    await this.pool.query(
      `UPDATE reports.reports SET data = $2, html = $3, pdf = $4, summary = $5, report_status = $6 WHERE id = $1`,
      [id, JSON.stringify(out.data), out.html, out.pdf, out.summary, out.reportStatus],
    );
  }

  /** finish marks a job done, with whom it was e-mailed to. */
  async finish(id: number, now: Date, emailedTo: readonly string[] | null): Promise<void> {
    await this.pool.query(
      `UPDATE reports.reports SET status = 'done', progress = 100, stage = 'done', finished_at = $2, locked_until = NULL,
              error = NULL, email_recipients = COALESCE($3, email_recipients),
              emailed_at = CASE WHEN $3::text[] IS NULL THEN emailed_at ELSE $2 END
       WHERE id = $1`,
      [id, now, emailedTo],
    );
  }

  /** fail schedules a retry after `retryAt`, or marks the job failed when retryAt is null. */
  async fail(id: number, error: string, retryAt: Date | null, now: Date): Promise<void> {
    await this.pool.query(
      `UPDATE reports.reports SET error = $2, locked_until = NULL,
              status = CASE WHEN $3::timestamptz IS NULL THEN 'failed' ELSE 'queued' END,
              stage = CASE WHEN $3::timestamptz IS NULL THEN 'failed' ELSE 'waiting to retry' END,
              next_attempt_at = COALESCE($3, next_attempt_at),
              finished_at = CASE WHEN $3::timestamptz IS NULL THEN $4::timestamptz ELSE NULL END
       WHERE id = $1`,
      [id, error.slice(0, 2000), retryAt, now],
    );
  }

  /** get returns one report's entry. */
  async get(id: number): Promise<ReportRow | null> {
    const { rows } = await this.pool.query<ReportRow>(
      `SELECT ${COLUMNS} FROM reports.reports WHERE id = $1`,
      [id],
    );
    return rows[0] ?? null;
  }

  /** content returns a stored report's data, HTML or PDF. */
  async content(id: number): Promise<{ data: unknown; html: string | null; pdf: Buffer | null } | null> {
    const { rows } = await this.pool.query<{ data: unknown; html: string | null; pdf: Buffer | null }>(
      `SELECT data, html, pdf FROM reports.reports WHERE id = $1`,
      [id],
    );
    return rows[0] ?? null;
  }

  /** tenantData returns a tenant's finished report data for a week, if there is one. */
  async tenantData(tenantId: string, weekLabel: string): Promise<TenantWeeklyReport | null> {
    const { rows } = await this.pool.query<{ data: TenantWeeklyReport }>(
      `SELECT data FROM reports.reports WHERE kind = 'tenant' AND tenant_id = $1 AND week_label = $2 AND data IS NOT NULL`,
      [tenantId, weekLabel],
    );
    return rows[0]?.data ?? null;
  }

  /** list returns archive entries, newest week first. */
  async list(filter: ListFilter): Promise<ReportRow[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (filter.tenantIds) {
      params.push(filter.tenantIds);
      where.push(`tenant_id = ANY($${params.length})`);
    }
    if (filter.kind) {
      params.push(filter.kind);
      where.push(`kind = $${params.length}`);
    }
    if (filter.before !== undefined) {
      params.push(filter.before);
      where.push(`id < $${params.length}`);
    }
    params.push(filter.limit);
    const { rows } = await this.pool.query<ReportRow>(
      `SELECT ${COLUMNS} FROM reports.reports ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY week_start DESC, id DESC LIMIT $${params.length}`,
      params,
    );
    return rows;
  }

  /** recipients lists who receives a tenant's reports (EXECUTIVE_TENANT for the summary). */
  async recipients(tenantId: string): Promise<string[]> {
    const { rows } = await this.pool.query<{ email: string }>(
      `SELECT email FROM reports.recipients WHERE tenant_id = $1 ORDER BY email`,
      [tenantId],
    );
    return rows.map((r) => r.email);
  }

  /** setRecipients replaces a tenant's recipients in one transaction. */
  async setRecipients(tenantId: string, emails: readonly string[]): Promise<string[]> {
    await withTransaction(this.pool, async (client) => {
      await client.query(`DELETE FROM reports.recipients WHERE tenant_id = $1`, [tenantId]);
      await client.query(
        `INSERT INTO reports.recipients (tenant_id, email) SELECT $1, e FROM unnest($2::text[]) AS e ON CONFLICT DO NOTHING`,
        [tenantId, [...new Set(emails.map((e) => e.toLowerCase()))]],
      );
    });
    return this.recipients(tenantId);
  }

  /**
   * eraseTenant is the reports' part of the right to erasure for one tenant: its recipients' addresses go, from the
   * recipients list and from the record of whom each archived report was e-mailed to. The reports themselves stay:
   * they hold SLA figures, not personal data. Running it again erases nothing more.
   */
  async eraseTenant(tenantId: string): Promise<Record<string, number>> {
    return withTransaction(this.pool, async (client) => {
      const recipients = await client.query(`DELETE FROM reports.recipients WHERE tenant_id = $1`, [
        tenantId,
      ]);
      const reports = await client.query(
        `UPDATE reports.reports SET email_recipients = '{}' WHERE tenant_id = $1 AND email_recipients <> '{}'`,
        [tenantId],
      );
      return { recipients: recipients.rowCount ?? 0, report_recipient_lists: reports.rowCount ?? 0 };
    });
  }
}
