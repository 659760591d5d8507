import { ForbiddenError } from '@sightline/http';
import express from 'express';
import type { Router } from 'express';
import type { AuthServices } from '../../AuthServices';
import { adminOf, auditActor, isPlatformAdmin, requireAdmin } from './requireAdmin';

/**
 * signingKeysRouter serves POST /admin/v1/signing-keys/rotate (platform super_admin only): a new key signs
 * from now on; the previous one stays in the JWKS until every token it signed has expired.
 */
export function signingKeysRouter(services: AuthServices): Router {
  const router = express.Router();
  router.post('/admin/v1/signing-keys/rotate', requireAdmin(services), async (req, res) => {
    const caller = adminOf(res);
    if (!isPlatformAdmin(caller.principal))
      throw new ForbiddenError('only a super_admin may rotate signing keys');
    const result = await services.keys.rotate();
    services.logger.info({ kid: result.kid, retired: result.retired }, 'signing key rotated');
    if (result.withdrawn.length > 0)
      services.logger.warn(
        { withdrawn: result.withdrawn },
        'withdrew retired signing keys early (SIGNING_KEYS_MAX_PUBLISHED): tokens they signed are now refused',
      );
    await services.audit.record({
      actor: auditActor(caller),
      action: 'signing_key.rotate',
      target: { type: 'signing_key', id: result.kid },
      result: 'success',
      ip: req.ip,
      details: { retired: result.retired, withdrawn: result.withdrawn },
    });
    res.set('cache-control', 'no-store').json(result);
  });
  return router;
}
