import type { OpenAPIRegistry, ResponseConfig, RouteConfig } from '@asteasolutions/zod-to-openapi';
import type { z } from 'zod';
import {
  AlertGroupActionRequest,
  AlertGroupActionResult,
  AlertGroupDetail,
  AlertGroupList,
  AlertGroupParams,
  AlertGroupsQuery,
  AlertList,
  AlertsQuery,
} from './alertSchemas';
import { ALERTING_RESOURCES } from './alertingResources';
import type { AlertingResource } from './alertingResources';
import { Problem } from './apiSchemas';
import { AuditLog, AuditQuery } from './auditSchemas';
import { ConfigParams } from './configIdSchema';
import { OnCall, OnCallQuery } from './onCallSchemas';
import { ON_CALL_READER_ROLES } from '../http/onCallReaderRoles';

const problem = (description: string): ResponseConfig => ({
  description,
  content: { 'application/problem+json': { schema: Problem } },
});
const json = (description: string, schema: z.ZodType): ResponseConfig => ({
  description,
  content: { 'application/json': { schema } },
});

const READERS = 'super_admin, sre, tenant_admin, developer';
const RESPONDERS = 'super_admin, sre, tenant_admin';
const ADMINS = 'platform super_admin, sre';
const ON_CALL_READERS = ON_CALL_READER_ROLES.join(', ');
const common = {
  401: problem('Missing, malformed, expired or wrongly signed bearer token'),
  502: problem('Alerting answered outside its contract'),
  503: problem('The alerting service is unavailable'),
};
const bodyErrors = (limit: string) => ({
  400: problem(
    "Malformed JSON or a body outside the schema; alerting's own reason when it refuses the values",
  ),
  413: problem(`Body over ${limit}`),
  415: problem('Body not sent as application/json'),
});

/** AlertEnginePathsSecurity is the security requirement every alert engine path carries. */
export type AlertEnginePathsSecurity = RouteConfig['security'];

/**
 * registerAlertEnginePaths documents the alert engine routes: alerts, groups (ack, resolve), silences, platform
 * configuration (channels, users, schedules, policies, routes), who is on call and the audit log.
 */
export function registerAlertEnginePaths(
  registry: OpenAPIRegistry,
  security: AlertEnginePathsSecurity,
): void {
  const path = (config: Omit<RouteConfig, 'security'>) => registry.registerPath({ ...config, security });
  path({
    method: 'get',
    path: '/v1/alerts',
    tags: ['alerts'],
    summary: `Alerts the engine holds, firing first (roles ${READERS})`,
    description: "A platform token may filter by tenant; a tenant token gets its own tenant's alerts only.",
    request: { query: AlertsQuery },
    responses: {
      200: json('Alerts', AlertList),
      400: problem('Bad tenant, state, severity or limit, or an unknown parameter'),
      403: problem('Wrong role, or a tenant the token may not see'),
      ...common,
    },
  });
  path({
    method: 'get',
    path: '/v1/alert-groups',
    tags: ['alerts'],
    summary: `Alert groups (the unit that pages), open ones first (roles ${READERS})`,
    description: "A platform token may filter by tenant; a tenant token gets its own tenant's groups only.",
    request: { query: AlertGroupsQuery },
    responses: {
      200: json('Alert groups', AlertGroupList),
      400: problem('Bad tenant, state, severity or limit, or an unknown parameter'),
      403: problem('Wrong role, or a tenant the token may not see'),
      ...common,
    },
  });
  path({
    method: 'get',
    path: '/v1/alert-groups/{id}',
    tags: ['alerts'],
    summary: `One alert group with its alerts, timeline and notifications (roles ${READERS})`,
    request: { params: AlertGroupParams },
    responses: {
      200: json('Alert group', AlertGroupDetail),
      400: problem('Bad group id'),
      403: problem('Wrong role'),
      404: problem("No such group, or another tenant's"),
      ...common,
    },
  });
  for (const [action, verb] of [
    ['ack', 'Acknowledge'],
    ['resolve', 'Resolve'],
  ] as const)
    path({
      method: 'post',
      path: `/v1/alert-groups/{id}/${action}`,
      tags: ['alerts'],
      summary: `${verb} an alert group, recorded as the token's subject (roles ${RESPONDERS})`,
      description:
        "A tenant token acts on its own tenant's groups only, and not on a group that also holds other tenants' alerts.",
      request: {
        params: AlertGroupParams,
        body: { required: false, content: { 'application/json': { schema: AlertGroupActionRequest } } },
      },
      responses: {
        200: json('The group as it now is', AlertGroupActionResult),
        ...bodyErrors('4 kB'),
        400: problem('Bad group id or body'),
        403: problem("Wrong role, or a group that also holds other tenants' alerts"),
        404: problem("No such group, or another tenant's"),
        409: problem('The group is not firing'),
        ...common,
      },
    });
  registerCrud(path, 'silences', '/v1/silences', ['silences'], {
    read: READERS,
    write: RESPONDERS,
    scope:
      "A tenant token sees and writes its own tenant's silences only; a silence always carries its tenant.",
    forbidden: 'Wrong role, or a tenant the token may not silence',
    remove: 'Expire the silence (it is kept, with who muted what)',
  });
  for (const resource of ['channels', 'users', 'schedules', 'policies'] as const)
    registerCrud(path, resource, `/v1/alerting/${resource}`, ['alerting'], {
      read: `${ADMINS}; with a tenant token ${ON_CALL_READERS}`,
      write: ADMINS,
      scope:
        'Platform configuration, which platform super_admin and sre read and change. A tenant token reads only what its ' +
        "tenant's alert routes use (their escalation policies, the schedules, users and channels those page), with " +
        "contact details removed (a user's e-mail and channels, a channel's config); anything else is a 404 to it, " +
        'and it may not write.',
      forbidden: 'Wrong role, or a tenant token writing',
      remove: `Delete the ${ALERTING_RESOURCES[resource].noun} (409 while something still refers to it)`,
    });
  registerCrud(path, 'routes', '/v1/alerting/routes', ['alerting'], {
    read: ADMINS,
    write: ADMINS,
    scope: 'Platform configuration: a tenant token is refused whatever its role.',
    forbidden: 'Wrong role, or a tenant token',
    remove: `Delete the ${ALERTING_RESOURCES.routes.noun} (409 while something still refers to it)`,
  });
  path({
    method: 'get',
    path: '/v1/alerting/schedules/{id}/oncall',
    tags: ['alerting'],
    summary: `Who is on call on a schedule, now or at an instant (roles ${ON_CALL_READERS})`,
    description: "A tenant token asks only about schedules its tenant's escalation policies page.",
    request: { params: ConfigParams, query: OnCallQuery },
    responses: {
      200: json('On call', OnCall),
      400: problem('Bad schedule id or instant'),
      403: problem('Wrong role'),
      404: problem("No such schedule, or one the tenant token's routes do not page"),
      ...common,
    },
  });
  path({
    method: 'get',
    path: '/v1/alerting/audit',
    tags: ['alerting'],
    summary: `Who changed what in the alert engine, newest first (roles ${RESPONDERS})`,
    description: "A tenant token sees its own tenant's entries only.",
    request: { query: AuditQuery },
    responses: {
      200: json('Audit entries', AuditLog),
      400: problem('Bad limit or an unknown parameter'),
      403: problem('Wrong role'),
      ...common,
    },
  });
}

interface CrudText {
  read: string;
  write: string;
  scope: string;
  forbidden: string;
  remove: string;
}

function registerCrud(
  path: (config: Omit<RouteConfig, 'security'>) => void,
  resource: AlertingResource,
  base: string,
  tags: string[],
  text: CrudText,
): void {
  const { noun, request, view, list } = ALERTING_RESOURCES[resource];
  const body = { required: true, content: { 'application/json': { schema: request } } };
  const item = `${base}/{id}`;
  const forbidden = problem(text.forbidden);
  path({
    method: 'get',
    path: base,
    tags,
    summary: `List every ${noun} (roles ${text.read})`,
    description: text.scope,
    responses: {
      200: json(`Every ${noun}`, list),
      400: problem('An unknown parameter'),
      403: forbidden,
      ...common,
    },
  });
  path({
    method: 'post',
    path: base,
    tags,
    summary: `Create a ${noun} (roles ${text.write})`,
    description: text.scope,
    request: { body },
    responses: {
      201: json(`The new ${noun}; Location names it`, view),
      ...bodyErrors('64 kB'),
      403: forbidden,
      409: problem('The id is taken'),
      ...common,
    },
  });
  path({
    method: 'get',
    path: item,
    tags,
    summary: `One ${noun} (roles ${text.read})`,
    request: { params: ConfigParams },
    responses: {
      200: json(noun, view),
      400: problem('Bad id'),
      403: forbidden,
      404: problem(`No such ${noun}`),
      ...common,
    },
  });
  path({
    method: 'put',
    path: item,
    tags,
    summary: `Replace a ${noun} (roles ${text.write})`,
    request: { params: ConfigParams, body },
    responses: {
      200: json(`The ${noun} as it now is`, view),
      ...bodyErrors('64 kB'),
      403: forbidden,
      404: problem(`No such ${noun}`),
      ...common,
    },
  });
  path({
    method: 'delete',
    path: item,
    tags,
    summary: `${text.remove} (roles ${text.write})`,
    request: { params: ConfigParams },
    responses: {
      204: { description: 'Done' },
      400: problem('Bad id, or one alerting will not delete (the root route)'),
      403: forbidden,
      404: problem(`No such ${noun}`),
      409: problem('Still referred to'),
      ...common,
    },
  });
}
