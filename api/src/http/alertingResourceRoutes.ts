import { BadRequestError, NotFoundError } from '@sightline/http';
import type { Role } from '@sightline/contracts';
import express from 'express';
import type { Response, Router } from 'express';
import { z } from 'zod';
import { hasAnyRole, principalOf, requireAuth, seesAllTenants } from '@sightline/authn';
import type { TokenVerifier } from '@sightline/authn';
import type { AlertEngineClient } from '../clients/AlertEngineClient';
import { ALERTING_RESOURCES } from '../openapi/alertingResources';
import type { AlertingResource } from '../openapi/alertingResources';
import { ConfigParams } from '../openapi/configIdSchema';
import { AlertCaller } from './AlertCaller';
import { jsonBody } from './jsonBody';
import { isTenantReadable, TenantOnCallView } from './TenantOnCallView';

/** ALERTING_BODY_LIMIT is alerting's own body limit (64 KiB), so nothing the api lets through is refused for size. */
export const ALERTING_BODY_LIMIT = '64kb';

/** AlertingResourceRoutesOptions configures alertingResourceRoutes for one resource. */
export interface AlertingResourceRoutesOptions {
  verifier: TokenVerifier;
  alerting: AlertEngineClient;
  resource: AlertingResource;
  /** path is the public collection path, e.g. /v1/silences. */
  path: string;
  readRoles: readonly Role[];
  writeRoles: readonly Role[];
  /**
   * tenantScoped resources (silences) are open to tenant tokens, confined to their tenant; the others are
   * platform configuration, refused to any tenant token whatever its role.
   */
  tenantScoped: boolean;
  /**
   * tenantReadRoles open reads of platform configuration (channels, users, schedules, policies) to tenant tokens with
   * one of these roles: they see what their tenant's routes use, people and channels by name only.
   */
  tenantReadRoles?: readonly Role[];
}

const NoQuery = z.strictObject({});

/**
 * alertingResourceRoutes serves list, get, create (201), replace and delete (204) of one alert engine resource by
 * forwarding to alerting with the caller's actor and tenant. A tenant token never sees, and cannot write, another
 * tenant's objects: naming another tenant in a body is a 403, another tenant's object is a 404.
 */
export function alertingResourceRoutes(o: AlertingResourceRoutesOptions): Router {
  const router = express.Router();
  const { request, noun } = ALERTING_RESOURCES[o.resource];
  const one = `${o.path}/:id`;
  const callerOf = (res: Response) =>
    o.tenantScoped ? AlertCaller.of(principalOf(res)) : AlertCaller.platform(principalOf(res));
  // Platform objects carry no tenant; a tenant-scoped one is visible only to its own tenant's callers.
  const visible = (caller: AlertCaller, item: object) =>
    !o.tenantScoped || caller.owns((item as { tenant?: string | null }).tenant ?? null);
  const parseBody = (caller: AlertCaller, body: unknown) => {
    const value = request.parse(body) as { id?: string; tenant?: string };
    if (o.tenantScoped) caller.named(value.tenant);
    return value;
  };
  const tenantReadRoles = o.tenantReadRoles ?? [];
  const readable = isTenantReadable(o.resource) ? o.resource : null;
  if (tenantReadRoles.length > 0 && (readable === null || o.tenantScoped))
    throw new Error(`tenantReadRoles do not apply to ${o.resource}`);
  const read = requireAuth(o.verifier, [...new Set([...o.readRoles, ...tenantReadRoles])]);
  const write = requireAuth(o.verifier, o.writeRoles);
  // A tenant reader of platform configuration gets its tenant's view; everyone else goes through callerOf as before.
  const tenantView = async (res: Response) => {
    const principal = principalOf(res);
    if (readable === null || seesAllTenants(principal) || !hasAnyRole(principal, tenantReadRoles))
      return null;
    const caller = AlertCaller.of(principal);
    if (caller.tenant === null) return null;
    return { view: await TenantOnCallView.load(o.alerting, caller, caller.tenant, readable), readable };
  };

  router.get(o.path, read, async (req, res) => {
    NoQuery.parse(req.query);
    const tenant = await tenantView(res);
    if (tenant !== null) {
      const items = await tenant.view.list(tenant.readable);
      return void res.set('cache-control', 'no-store').json({ [o.resource]: items });
    }
    const caller = callerOf(res);
    const items = await o.alerting.list(caller, o.resource);
    res.set('cache-control', 'no-store').json({ [o.resource]: items.filter((i) => visible(caller, i)) });
  });

  router.get(one, read, async (req, res) => {
    const { id } = ConfigParams.parse(req.params);
    const tenant = await tenantView(res);
    if (tenant !== null)
      return void res.set('cache-control', 'no-store').json(await tenant.view.get(tenant.readable, id, noun));
    const caller = callerOf(res);
    const item = await o.alerting.get(caller, o.resource, id);
    if (!visible(caller, item)) throw new NotFoundError(`no ${noun} ${id}`);
    res.set('cache-control', 'no-store').json(item);
  });

  router.post(o.path, write, ...jsonBody(ALERTING_BODY_LIMIT), async (req, res) => {
    const caller = callerOf(res);
    const item = await o.alerting.create(caller, o.resource, parseBody(caller, req.body));
    const id = (item as { id: string }).id;
    res
      .status(201)
      .location(`${o.path}/${encodeURIComponent(id)}`)
      .set('cache-control', 'no-store')
      .json(item);
  });

  router.put(one, write, ...jsonBody(ALERTING_BODY_LIMIT), async (req, res) => {
    const caller = callerOf(res);
    const { id } = ConfigParams.parse(req.params);
    const body = parseBody(caller, req.body);
    if (body.id !== undefined && body.id !== id)
      throw new BadRequestError('id: must equal the id in the path');
    res.set('cache-control', 'no-store').json(await o.alerting.replace(caller, o.resource, id, body));
  });

  router.delete(one, write, async (req, res) => {
    const caller = callerOf(res);
    const { id } = ConfigParams.parse(req.params);
    await o.alerting.remove(caller, o.resource, id);
    res.status(204).end();
  });
  return router;
}
