import { ForbiddenError } from '@sightline/http';
import express from 'express';
import type { Router } from 'express';
import type pg from 'pg';
import { maintenanceWindows } from './maintenanceWindows';
import { parseReportingQuery } from './parseReportingQuery';
import type { ReportingQuery } from './parseReportingQuery';
import { reportingIncidents } from './reportingIncidents';
import { requestActor } from './RequestActor';

/**
 * reportingRoutes serves what the weekly reports read of one tenant over [from, to): its incidents and its
 * maintenance windows. An unknown tenant simply has none.
 */
export function reportingRoutes(o: { pool: pg.Pool }): Router {
  const router = express.Router();
  const parse = (req: express.Request): ReportingQuery => {
    const who = requestActor(req);
    const q = parseReportingQuery(req.query);
    // The api may forward a tenant-scoped caller; it reads its own tenant only, as on every other route.
    if (who.tenant !== null && who.tenant !== q.tenant)
      throw new ForbiddenError(`this caller may only read tenant ${who.tenant}`);
    return q;
  };

  router.get('/reporting/incidents', async (req, res) => {
    res.json({ incidents: await reportingIncidents(o.pool, parse(req)) });
  });

  router.get('/reporting/maintenance', async (req, res) => {
    res.json(await maintenanceWindows(o.pool, parse(req)));
  });
  return router;
}
