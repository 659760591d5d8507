import { PLATFORM_TENANT, ServiceErasureReceipt, TenantErasureRequest } from '@sightline/contracts';
import type { Role, TenantErasureReceipt } from '@sightline/contracts';
import { principalOf, requireAuth } from '@sightline/authn';
import type { TokenVerifier } from '@sightline/authn';
import { BadRequestError, ForbiddenError, HttpError } from '@sightline/http';
import type { InternalService } from '@sightline/http';
import express from 'express';
import type { Router } from 'express';
import { TenantParams } from '../openapi/apiSchemas';
import { jsonBody } from './jsonBody';

/** ERASURE_ROLES may erase a tenant's personal data, with a platform-wide token. */
export const ERASURE_ROLES: readonly Role[] = ['super_admin'];

/** An erasure may delete millions of telemetry rows in one service; it is not a 3 s call. */
const ERASURE_TIMEOUT_MS = 10 * 60_000;

/**
 * tenantErasureRoutes serves POST /v1/tenants/:id/erasure, the right to erasure for one tenant: auth deletes the
 * tenant's users and redacts its audit events, reports forgets its recipients, the collector deletes its stored
 * telemetry. Each service runs its part in one transaction and is idempotent, so a run that stops at one service
 * (502 naming it and what is already done) is finished by sending the same request again.
 */
export function tenantErasureRoutes(verifier: TokenVerifier, services: readonly InternalService[]): Router {
  const router = express.Router();
  router.post(
    '/v1/tenants/:id/erasure',
    requireAuth(verifier, ERASURE_ROLES),
    ...jsonBody('1kb'),
    async (req, res) => {
      const principal = principalOf(res);
      if (principal.tenant !== null) {
        throw new ForbiddenError("only a platform-wide super_admin may erase a tenant's personal data");
      }
      const { id } = TenantParams.parse(req.params);
      if (id === PLATFORM_TENANT)
        throw new BadRequestError(`${PLATFORM_TENANT} is the platform, not a tenant`);
      const body = TenantErasureRequest.parse(req.body ?? {});
      if (body.confirm !== id) throw new BadRequestError('confirm: must repeat the tenant id of the path');

      const receipts: ServiceErasureReceipt[] = [];
      for (const service of services) {
        receipts.push(await eraseIn(service, id, principal.userId, receipts));
      }
      const receipt: TenantErasureReceipt = {
        tenantId: id,
        requestedBy: principal.userId,
        erasedAt: new Date().toISOString(),
        services: receipts,
      };
      res.set('cache-control', 'no-store').json(receipt);
    },
  );
  return router;
}

async function eraseIn(
  service: InternalService,
  tenantId: string,
  requestedBy: string,
  done: readonly ServiceErasureReceipt[],
): Promise<ServiceErasureReceipt> {
  const stopped = (why: string, cause?: unknown) => {
    const finished =
      done.length === 0 ? 'nothing is erased yet' : `${done.map((r) => r.service).join(' and ')} done`;
    return new HttpError(
      502,
      'Bad Gateway',
      `erasure stopped at ${service.name} (${why}); ${finished}. Send the same request again to finish it.`,
      { cause },
    );
  };
  let res: Response;
  try {
    res = await service.fetch(`/internal/v1/erasure/tenants/${encodeURIComponent(tenantId)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ requestedBy }),
      timeoutMs: ERASURE_TIMEOUT_MS,
    });
  } catch (err) {
    throw stopped('unavailable', err);
  }
  if (res.status !== 200) {
    await res.body?.cancel();
    throw stopped(`answered ${res.status}`);
  }
  const parsed = ServiceErasureReceipt.safeParse(await res.json().catch(() => undefined));
  if (!parsed.success || parsed.data.tenantId !== tenantId) throw stopped('answered outside its contract');
  return parsed.data;
}
