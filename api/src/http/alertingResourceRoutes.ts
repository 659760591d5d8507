import { BadRequestError, NotFoundError } from '@sightline/http';
import type { Role } from '@sightline/contracts';
import express from 'express';
import type { Response, Router } from 'express';
import { z } from 'zod';
import { principalOf, requireAuth } from '@sightline/authn';
import type { TokenVerifier } from '@sightline/authn';
import type { AlertEngineClient } from '../clients/AlertEngineClient';
import { ALERTING_RESOURCES } from '../openapi/alertingResources';
import type { AlertingResource } from '../openapi/alertingResources';
import { ConfigParams } from '../openapi/configIdSchema';
import { AlertCaller } from './AlertCaller';
import { jsonBody } from './jsonBody';

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
  const read = requireAuth(o.verifier, o.readRoles);
  const write = requireAuth(o.verifier, o.writeRoles);

  router.get(o.path, read, async (req, res) => {
    const caller = callerOf(res);
    NoQuery.parse(req.query);
    const items = await o.alerting.list(caller, o.resource);
    res.set('cache-control', 'no-store').json({ [o.resource]: items.filter((i) => visible(caller, i)) });
  });

  router.get(one, read, async (req, res) => {
    const caller = callerOf(res);
    const { id } = ConfigParams.parse(req.params);
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
