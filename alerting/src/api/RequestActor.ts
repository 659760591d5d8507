import { BadRequestError } from '@sightline/http';
import type { Request } from 'express';

const ACTOR = /^[\w.@:+-]{1,128}$/;
const TENANT = /^[a-z0-9_][a-z0-9_-]{0,62}$/;

/** RequestActor is who asked (for the audit log) and the tenant they are confined to, if any. */
export interface RequestActor {
  actor: string;
  /** tenant confines a tenant-scoped caller to one tenant's alerts and silences; null is platform-wide. */
  tenant: string | null;
}

/**
 * requestActor reads the caller the api vouches for (`X-Sightline-Actor`, `X-Sightline-Tenant`); the internal token
 * already authenticated the api, which checked the user's role and tenant before forwarding.
 */
export function requestActor(req: Request): RequestActor {
  const actor = req.get('x-sightline-actor') ?? 'internal';
  if (!ACTOR.test(actor)) throw new BadRequestError('X-Sightline-Actor must be 1-128 of [A-Za-z0-9_.@:+-]');
  const tenant = req.get('x-sightline-tenant') ?? null;
  if (tenant !== null && !TENANT.test(tenant))
    throw new BadRequestError('X-Sightline-Tenant must be a tenant id');
  return { actor, tenant };
}
