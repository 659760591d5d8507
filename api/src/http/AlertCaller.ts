import { ForbiddenError } from '@sightline/http';
import { seesAllTenants } from '@sightline/authn';
import type { Principal } from '@sightline/authn';
import type { AlertEngineCaller } from '../clients/AlertEngineClient';

// alerting's X-Sightline-Actor: 1-128 of [A-Za-z0-9_.@:+-].
const ACTOR_CHAR = /[^A-Za-z0-9_.@:+-]/g;

/**
 * AlertCaller is a verified principal as the alert engine sees it: the actor recorded in its audit log, and the
 * tenant it is confined to (null for a platform super_admin or sre). A token bound to no tenant without a
 * platform role sees no tenant, so it cannot become a caller at all.
 */
export class AlertCaller implements AlertEngineCaller {
  private constructor(
    readonly actor: string,
    readonly tenant: string | null,
  ) {}

  /** of confines a tenant token to its tenant and lets a platform super_admin or sre see every tenant. */
  static of(principal: Principal): AlertCaller {
    const actor = AlertCaller.actorOf(principal.userId);
    if (seesAllTenants(principal)) return new AlertCaller(actor, null);
    if (principal.tenant === null)
      throw new ForbiddenError('this token is not bound to a tenant and sees none');
    return new AlertCaller(actor, principal.tenant);
  }

  /** platform admits only platform-wide callers: the alert engine's configuration belongs to no tenant. */
  static platform(principal: Principal): AlertCaller {
    if (!seesAllTenants(principal))
      throw new ForbiddenError(
        'alerting configuration is platform-wide; a tenant token may not read or change it',
      );
    return new AlertCaller(AlertCaller.actorOf(principal.userId), null);
  }

  /** actorOf turns a token subject into a valid actor: other characters become `_`, and it is cut at 128. */
  static actorOf(subject: string): string {
    const actor = subject.replace(ACTOR_CHAR, '_').slice(0, 128);
    return actor === '' ? '_' : actor;
  }

  /** owns is true when the caller may see something of that tenant (null is a platform object). */
  owns(tenant: string | null): boolean {
    return this.tenant === null || tenant === this.tenant;
  }

  /** named checks a tenant the caller asked for by name: a tenant caller may only name its own (else 403). */
  named<T extends string | undefined>(tenant: T): T {
    if (tenant !== undefined && !this.owns(tenant))
      throw new ForbiddenError(`this token may only see tenant ${this.tenant}`);
    return tenant;
  }
}
