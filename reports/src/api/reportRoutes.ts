import { TenantId } from '@sightline/contracts';
import { BadRequestError, ConflictError, NotFoundError } from '@sightline/http';
import express from 'express';
import type { Router } from 'express';
import { z } from 'zod';
import type { ReportArchive } from '../db/ReportArchive';
import { EXECUTIVE_TENANT } from '../db/ReportArchive';
import type { ReportSources } from '../sources/ReportSources';
import { InvalidWeekError, lastCompleteWeek, WEEK_LABEL, weekByLabel } from '../week/reportWeek';

/** ReportRoutesOptions wire the internal report API. */
export interface ReportRoutesOptions {
  archive: ReportArchive;
  sources: ReportSources;
  executiveTimeZone: string;
  now: () => Date;
  /** onRequested wakes the job worker. */
  onRequested?: () => void;
}

const Id = z.coerce
  .number()
  .int()
  .positive()
  .max(2 ** 31 - 1);
const ListQuery = z.strictObject({
  tenant: z
    .string()
    .max(2000)
    .transform((s) => s.split(',').filter(Boolean))
    .pipe(z.array(z.union([TenantId, z.literal(EXECUTIVE_TENANT)])).max(100))
    .optional(),
  kind: z.enum(['tenant', 'executive']).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  before: Id.optional(),
});
const CreateBody = z.strictObject({
  kind: z.enum(['tenant', 'executive']),
  tenant: TenantId.optional(),
  week: z.string().regex(WEEK_LABEL, 'week must look like 2026-W47').optional(),
  force: z.boolean().default(false),
  requestedBy: z.string().max(200).optional(),
});
const RecipientsBody = z.strictObject({ emails: z.array(z.email().max(254)).max(50) });
const RecipientTenant = z.union([TenantId, z.literal(EXECUTIVE_TENANT)]);

/** reportRoutes serves the internal report API: the archive, downloads, on-demand jobs with progress, recipients. */
export function reportRoutes(o: ReportRoutesOptions): Router {
  const router = express.Router();
  const { archive } = o;

  router.get('/reports', async (req, res) => {
    const q = ListQuery.parse(req.query);
    res.json({
      reports: await archive.list({ tenantIds: q.tenant, kind: q.kind, limit: q.limit, before: q.before }),
    });
  });

  router.post('/reports', express.json({ limit: '8kb' }), async (req, res) => {
    const body = CreateBody.parse(req.body);
    const now = o.now();
    let tenantId = EXECUTIVE_TENANT;
    let timeZone = o.executiveTimeZone;
    if (body.kind === 'tenant') {
      if (!body.tenant) throw new BadRequestError('tenant is required for a tenant report');
      const tenant = (await o.sources.tenants()).find((t) => t.id === body.tenant);
      if (!tenant) throw new NotFoundError(`no tenant ${body.tenant}`);
      tenantId = tenant.id;
      timeZone = tenant.timeZone;
    } else if (body.tenant)
      throw new BadRequestError('an executive summary covers every tenant: leave tenant out');
    let week;
    try {
      week = body.week ? weekByLabel(body.week, timeZone) : lastCompleteWeek(now, timeZone);
    } catch (err) {
      if (err instanceof InvalidWeekError) throw new BadRequestError(err.message);
      throw err;
    }
    if (Date.parse(week.end) > now.getTime())
      throw new BadRequestError(
        `week ${week.label} has not ended yet in ${timeZone}; reports cover complete weeks`,
      );
    const { row, created } = await archive.enqueue(
      body.kind,
      tenantId,
      week,
      'on-demand',
      body.requestedBy ?? null,
      now,
      body.force,
    );
    o.onRequested?.();
    res.status(created || body.force ? 202 : 200).json({ report: row });
  });

  router.get('/reports/recipients/:tenant', async (req, res) => {
    const tenant = RecipientTenant.parse(req.params.tenant);
    res.json({ tenant, emails: await archive.recipients(tenant) });
  });

  router.put('/reports/recipients/:tenant', express.json({ limit: '32kb' }), async (req, res) => {
    const tenant = RecipientTenant.parse(req.params.tenant);
    const body = RecipientsBody.parse(req.body);
    res.json({ tenant, emails: await archive.setRecipients(tenant, body.emails) });
  });

  router.get('/reports/:id', async (req, res) => {
    const row = await archive.get(Id.parse(req.params.id));
    if (!row) throw new NotFoundError('no such report');
    res.json({ report: row });
  });

  router.get('/reports/:id/:format', async (req, res) => {
    const id = Id.parse(req.params.id);
    const format = z.enum(['html', 'pdf', 'json']).safeParse(req.params.format);
    if (!format.success) throw new NotFoundError('formats are html, pdf and json');
    const row = await archive.get(id);
    if (!row) throw new NotFoundError('no such report');
    const content = await archive.content(id);
    if (!content || content.data === null)
      throw new ConflictError(
        `report ${id} is ${row.status} (${row.stage}, ${row.progress} %): not ready yet`,
      );
    const name = `sightline-${row.kind === 'tenant' ? row.tenantId : 'executive'}-${row.weekLabel}`;
    if (format.data === 'json') res.json(content.data);
    else if (format.data === 'html')
      res
        .type('html')
        // The report is self-contained: nothing it shows may load or run anything.
        .set('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; img-src data:")
        .send(content.html);
    else
      res
        .type('application/pdf')
        .set('content-disposition', `attachment; filename="${name}.pdf"`)
        .send(content.pdf);
  });

  return router;
}
