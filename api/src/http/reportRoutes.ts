import express from 'express';
import type { Router } from 'express';
import { requireAuth } from '@sightline/authn';
import type { TokenVerifier } from '@sightline/authn';
import type { ReportsClient } from '../clients/ReportsClient';
import { jsonBody } from './jsonBody';
import { reportContentRoute } from './reportContentRoute';
import { reportCreateRoute } from './reportCreateRoute';
import { REPORT_READER_ROLES } from './reportReaderRoles';
import { REPORT_RECIPIENT_EDITOR_ROLES } from './reportRecipientEditorRoles';
import { reportListRoute } from './reportListRoute';
import { reportRecipientsRoute } from './reportRecipientsRoute';
import { reportRoute } from './reportRoute';

/** REPORT_BODY_LIMITS are the reports service's own body limits, so nothing the api lets through is refused for size. */
export const REPORT_BODY_LIMITS = { create: '8kb', recipients: '32kb' } as const;

/**
 * reportRoutes serves the weekly SLA reports to the console: the archive, on-demand generation with job progress,
 * downloads (HTML, PDF, JSON) and e-mail recipients, all through the reports service's internal API.
 */
export function reportRoutes(verifier: TokenVerifier, reports: ReportsClient): Router {
  const router = express.Router();
  const readers = requireAuth(verifier, REPORT_READER_ROLES);
  const editors = requireAuth(verifier, REPORT_RECIPIENT_EDITOR_ROLES);
  router.get('/v1/reports', readers, reportListRoute(reports));
  router.post('/v1/reports', readers, ...jsonBody(REPORT_BODY_LIMITS.create), reportCreateRoute(reports));
  // Before /v1/reports/:id, which would take "recipients" for an id.
  router.get('/v1/reports/recipients/:tenant', editors, reportRecipientsRoute(reports, false));
  router.put(
    '/v1/reports/recipients/:tenant',
    editors,
    ...jsonBody(REPORT_BODY_LIMITS.recipients),
    reportRecipientsRoute(reports, true),
  );
  router.get('/v1/reports/:id', readers, reportRoute(reports));
  for (const format of ['html', 'pdf', 'json'] as const)
    router.get(`/v1/reports/:id/${format}`, readers, reportContentRoute(reports, format));
  return router;
}
