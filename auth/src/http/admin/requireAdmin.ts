import type { Principal } from '@sightline/authn';
import { bearerToken, canSeeTenant, hasAnyRole } from '@sightline/authn';
import { ForbiddenError, UnauthorizedError } from '@sightline/http';
import type { RequestHandler, Response } from 'express';
import type { AuditActor } from '../../audit/AuditLog';
import type { AuthServices } from '../../AuthServices';

/** AdminCaller is the verified caller of an admin route. */
export interface AdminCaller {
  principal: Principal;
  clientId?: string;
}

/**
 * requireAdmin admits a valid access token whose subject is still active and who is either a platform
 * super_admin or a tenant_admin of a tenant; everyone else gets 403. A refused token says why (401).
 */
export function requireAdmin(services: AuthServices): RequestHandler {
  return async (req, res, next) => {
    const token = bearerToken(req.get('authorization'));
    if (!token) throw new UnauthorizedError('missing bearer token');
    const verified = await services.verifier.verify(token);
    const active = verified.clientId
      ? await services.clients.isActive(verified.clientId)
      : await services.users.isActive(verified.principal.userId);
    if (!active) throw new UnauthorizedError('token subject is disabled or revoked');
    if (!isPlatformAdmin(verified.principal) && !isTenantAdmin(verified.principal)) {
      throw new ForbiddenError('your role may not use this route');
    }
    res.locals.admin = verified satisfies AdminCaller;
    next();
  };
}

/** adminOf returns the caller requireAdmin stored on the response. */
export function adminOf(res: Response): AdminCaller {
  const admin = res.locals.admin as AdminCaller | undefined;
  if (!admin) throw new UnauthorizedError();
  return admin;
}

/** isPlatformAdmin is true for a super_admin token that is not bound to a tenant. */
export function isPlatformAdmin(principal: Principal): boolean {
  return principal.tenant === null && principal.roles.includes('super_admin');
}

function isTenantAdmin(principal: Principal): boolean {
  return principal.tenant !== null && hasAnyRole(principal, ['tenant_admin']);
}

/** managesTenant is true when the caller is a platform admin or the tenant's own tenant_admin. */
export function managesTenant(caller: AdminCaller, tenantId: string | null): boolean {
  const p = caller.principal;
  if (isPlatformAdmin(p)) return true;
  return tenantId !== null && isTenantAdmin(p) && canSeeTenant(p, tenantId);
}

/** assertManagesTenant throws 403 unless the caller is a platform admin or the tenant's own tenant_admin. */
export function assertManagesTenant(caller: AdminCaller, tenantId: string | null): void {
  if (!managesTenant(caller, tenantId)) throw new ForbiddenError('you may not manage this tenant');
}

/** auditActor turns the caller into the audit log's actor. */
export function auditActor(caller: AdminCaller): AuditActor {
  return caller.clientId
    ? { type: 'client', id: caller.clientId }
    : {
        type: 'user',
        id: caller.principal.userId,
        ...(caller.principal.email === undefined ? {} : { email: caller.principal.email }),
      };
}
