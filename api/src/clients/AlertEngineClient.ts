import {
  BadGatewayError,
  BadRequestError,
  ConflictError,
  ForbiddenError,
  NotFoundError,
} from '@sightline/http';
import type { z } from 'zod';
import { AlertGroupActionResult, AlertGroupDetail, AlertGroupList, AlertList } from '../openapi/alertSchemas';
import type { AlertGroupsQuery, AlertsQuery } from '../openapi/alertSchemas';
import { ALERTING_RESOURCES } from '../openapi/alertingResources';
import type { AlertingResource, AlertingView } from '../openapi/alertingResources';
import { AuditLog } from '../openapi/auditSchemas';
import { OnCall } from '../openapi/onCallSchemas';
import type { InternalService } from '@sightline/http';
import { upstreamDetail } from './upstreamDetail';

/** AlertEngineCaller is who alerting is told is asking: the audit actor, and the tenant they are confined to. */
export interface AlertEngineCaller {
  /** actor is 1-128 of [A-Za-z0-9_.@:+-] (alerting's X-Sightline-Actor). */
  actor: string;
  /** tenant confines the call to one tenant (X-Sightline-Tenant); null is platform-wide. */
  tenant: string | null;
}

// Alerting's refusals that mean something to the user keep their status and short reason.
const PASSED: Record<number, (detail: string) => Error> = {
  400: (d) => new BadRequestError(d),
  403: (d) => new ForbiddenError(d),
  404: (d) => new NotFoundError(d),
  409: (d) => new ConflictError(d),
};
const FALLBACK: Record<number, string> = {
  400: 'alerting refused the request',
  403: 'alerting refused this caller',
  404: 'not found',
  409: 'the change clashes with the current state',
};

type Query = Partial<Record<string, string | undefined>>;

/**
 * AlertEngineClient calls alerting's alert engine API (alerts, groups, silences, configuration, on-call, audit)
 * with the caller's X-Sightline-Actor and X-Sightline-Tenant. Alerting's 400/403/404/409 keep their status and
 * reason; any other answer, or a body outside the contract, is a 502; an unreachable alerting is a 503.
 */
export class AlertEngineClient {
  constructor(readonly service: InternalService) {}

  /** alerts lists alerts, firing first. */
  alerts(caller: AlertEngineCaller, query: AlertsQuery): Promise<AlertList> {
    return this.call(caller, 'GET', `/alerts${search(query)}`, 200, AlertList);
  }

  /** groups lists alert groups, open ones first. */
  groups(caller: AlertEngineCaller, query: AlertGroupsQuery): Promise<AlertGroupList> {
    return this.call(caller, 'GET', `/groups${search(query)}`, 200, AlertGroupList);
  }

  /** group returns one group with its alerts, timeline and notifications. */
  group(caller: AlertEngineCaller, id: number): Promise<AlertGroupDetail> {
    return this.call(caller, 'GET', `/groups/${id}`, 200, AlertGroupDetail);
  }

  /** act acknowledges or resolves a group; one that is not firing is a ConflictError. */
  act(caller: AlertEngineCaller, id: number, action: 'ack' | 'resolve'): Promise<AlertGroupActionResult> {
    return this.call(caller, 'POST', `/groups/${id}/${action}`, 200, AlertGroupActionResult, {});
  }

  /** list returns every object of a resource the caller may see. */
  async list<R extends AlertingResource>(caller: AlertEngineCaller, resource: R): Promise<AlertingView<R>[]> {
    const body = await this.call(caller, 'GET', `/${resource}`, 200, ALERTING_RESOURCES[resource].list);
    return (body as Record<R, AlertingView<R>[]>)[resource];
  }

  /** get returns one object. */
  get<R extends AlertingResource>(
    caller: AlertEngineCaller,
    resource: R,
    id: string,
  ): Promise<AlertingView<R>> {
    return this.call(caller, 'GET', `/${resource}/${enc(id)}`, 200, viewOf(resource));
  }

  /** create stores a new object and returns it. */
  create<R extends AlertingResource>(
    caller: AlertEngineCaller,
    resource: R,
    body: object,
  ): Promise<AlertingView<R>> {
    return this.call(caller, 'POST', `/${resource}`, 201, viewOf(resource), body);
  }

  /** replace overwrites an object and returns it. */
  replace<R extends AlertingResource>(
    caller: AlertEngineCaller,
    resource: R,
    id: string,
    body: object,
  ): Promise<AlertingView<R>> {
    return this.call(caller, 'PUT', `/${resource}/${enc(id)}`, 200, viewOf(resource), body);
  }

  /** remove deletes an object (a silence is expired instead, so its record stays). */
  async remove(caller: AlertEngineCaller, resource: AlertingResource, id: string): Promise<void> {
    await this.call(caller, 'DELETE', `/${resource}/${enc(id)}`, 204, null);
  }

  /** onCall returns who is on call on a schedule at an instant (now when absent). */
  onCall(caller: AlertEngineCaller, schedule: string, at: string | undefined): Promise<OnCall> {
    return this.call(caller, 'GET', `/schedules/${enc(schedule)}/oncall${search({ at })}`, 200, OnCall);
  }

  /** audit returns the newest audit entries (a tenant caller's own tenant's only). */
  audit(caller: AlertEngineCaller, limit: string | undefined): Promise<AuditLog> {
    return this.call(caller, 'GET', `/audit${search({ limit })}`, 200, AuditLog);
  }

  private async call<S extends z.ZodType>(
    caller: AlertEngineCaller,
    method: string,
    path: string,
    expected: number,
    schema: S | null,
    body?: object,
  ): Promise<z.output<S>> {
    const headers: Record<string, string> = { accept: 'application/json', 'x-sightline-actor': caller.actor };
    if (caller.tenant !== null) headers['x-sightline-tenant'] = caller.tenant;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await this.service.fetch(`/internal/v1${path}`, {
      method,
      headers,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const passed = PASSED[res.status];
    if (passed) throw passed(await upstreamDetail(res, FALLBACK[res.status]!));
    if (res.status !== expected) {
      await res.body?.cancel();
      throw new BadGatewayError(this.service.name);
    }
    if (schema === null) {
      await res.body?.cancel();
      return undefined as z.output<S>;
    }
    const parsed = schema.safeParse(await res.json().catch(() => undefined));
    if (!parsed.success) throw new BadGatewayError(this.service.name, { cause: parsed.error });
    return parsed.data;
  }
}

function viewOf<R extends AlertingResource>(resource: R): z.ZodType<AlertingView<R>> {
  return ALERTING_RESOURCES[resource].view as unknown as z.ZodType<AlertingView<R>>;
}

function enc(id: string): string {
  return encodeURIComponent(id);
}

function search(query: Query): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined) params.set(key, value);
  return params.size > 0 ? `?${params.toString()}` : '';
}
