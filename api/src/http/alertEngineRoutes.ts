import express from 'express';
import type { Router } from 'express';
import { requireAuth } from '@sightline/authn';
import type { TokenVerifier } from '@sightline/authn';
import type { AlertEngineClient } from '../clients/AlertEngineClient';
import { ALERT_READER_ROLES } from './alertReaderRoles';
import { ALERT_RESPONDER_ROLES } from './alertResponderRoles';
import { ALERTING_ADMIN_ROLES } from './alertingAdminRoles';
import { alertGroupActionRoute } from './alertGroupActionRoute';
import { alertGroupRoute } from './alertGroupRoute';
import { alertGroupsRoute } from './alertGroupsRoute';
import { alertingAuditRoute } from './alertingAuditRoute';
import { alertingResourceRoutes } from './alertingResourceRoutes';
import { alertsRoute } from './alertsRoute';
import { jsonBody } from './jsonBody';
import { ON_CALL_READER_ROLES } from './onCallReaderRoles';
import { onCallRoute } from './onCallRoute';
import { isTenantReadable } from './TenantOnCallView';

const PLATFORM_RESOURCES = ['channels', 'users', 'schedules', 'policies', 'routes'] as const;

/**
 * alertEngineRoutes serves the alert engine to the console: alerts and groups (read by alert readers, acknowledged
 * and resolved by responders), silences (tenant tokens confined to their tenant), platform configuration (changed by
 * platform super_admin and sre only; tenant users read the policies, schedules, users and channels their tenant's
 * routes use), who is on call, and the audit log.
 */
export function alertEngineRoutes(verifier: TokenVerifier, alerting: AlertEngineClient): Router {
  const router = express.Router();
  const readers = requireAuth(verifier, ALERT_READER_ROLES);
  const responders = requireAuth(verifier, ALERT_RESPONDER_ROLES);
  router.get('/v1/alerts', readers, alertsRoute(alerting));
  router.get('/v1/alert-groups', readers, alertGroupsRoute(alerting));
  router.get('/v1/alert-groups/:id', readers, alertGroupRoute(alerting));
  for (const action of ['ack', 'resolve'] as const)
    router.post(
      `/v1/alert-groups/:id/${action}`,
      responders,
      ...jsonBody('4kb'),
      alertGroupActionRoute(alerting, action),
    );
  router.use(
    alertingResourceRoutes({
      verifier,
      alerting,
      resource: 'silences',
      path: '/v1/silences',
      readRoles: ALERT_READER_ROLES,
      writeRoles: ALERT_RESPONDER_ROLES,
      tenantScoped: true,
    }),
  );
  router.get(
    '/v1/alerting/schedules/:id/oncall',
    requireAuth(verifier, ON_CALL_READER_ROLES),
    onCallRoute(alerting),
  );
  router.get('/v1/alerting/audit', responders, alertingAuditRoute(alerting));
  for (const resource of PLATFORM_RESOURCES)
    router.use(
      alertingResourceRoutes({
        verifier,
        alerting,
        resource,
        path: `/v1/alerting/${resource}`,
        readRoles: ALERTING_ADMIN_ROLES,
        writeRoles: ALERTING_ADMIN_ROLES,
        tenantScoped: false,
        // Tenant users read what their tenant's routes use (names only); routes themselves stay platform-only.
        ...(isTenantReadable(resource) ? { tenantReadRoles: ON_CALL_READER_ROLES } : {}),
      }),
    );
  return router;
}
