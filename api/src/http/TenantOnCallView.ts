import { NotFoundError } from '@sightline/http';
import type { AlertEngineCaller, AlertEngineClient } from '../clients/AlertEngineClient';
import type { AlertingView } from '../openapi/alertingResources';

/** TENANT_READABLE are the platform resources a tenant token may read, narrowed by TenantOnCallView. */
export const TENANT_READABLE = ['channels', 'users', 'schedules', 'policies'] as const;

/** TenantReadable names one of TENANT_READABLE. */
export type TenantReadable = (typeof TENANT_READABLE)[number];

/** isTenantReadable says whether a resource is one a tenant token may read. */
export function isTenantReadable(resource: string): resource is TenantReadable {
  return (TENANT_READABLE as readonly string[]).includes(resource);
}

type Route = AlertingView<'routes'>;
type Policy = AlertingView<'policies'>;
type Schedule = AlertingView<'schedules'>;

// An RE2 pattern JavaScript cannot compile admits nobody: a tenant then sees less, never another tenant's policy.
function admits(m: Route['matchers'][number], tenant: string): boolean {
  if (m.type === '=') return m.value === tenant;
  if (m.type === '!=') return m.value !== tenant;
  let matched: boolean;
  try {
    matched = new RegExp(`^(?:${m.value})$`, 'u').test(tenant);
  } catch {
    return false;
  }
  return m.type === '=~' ? matched : !matched;
}

// The policies of every route a tenant's alert can reach: its own tenant matchers and every ancestor's admit the
// tenant (other labels may match some alert of it), and a route without a policy inherits its parent's.
function policiesOf(routes: readonly Route[], tenant: string): Set<string> {
  const children = new Map<string | null, Route[]>();
  for (const r of routes) children.set(r.parentId, [...(children.get(r.parentId) ?? []), r]);
  const used = new Set<string>();
  const walk = (parent: string | null, inherited: string | null, depth: number) => {
    if (depth > 32) return;
    for (const r of children.get(parent) ?? []) {
      if (!r.matchers.every((m) => m.name !== 'tenant' || admits(m, tenant))) continue;
      const policy = r.policyId ?? inherited;
      if (policy !== null) used.add(policy);
      walk(r.id, policy, depth + 1);
    }
  };
  walk(null, null, 0);
  return used;
}

function schedulePeople(s: Schedule): string[] {
  const spec = s.spec as { layers?: unknown; overrides?: unknown };
  const people: unknown[] = [];
  if (Array.isArray(spec.layers))
    for (const l of spec.layers as { participants?: unknown }[])
      if (Array.isArray(l?.participants)) people.push(...(l.participants as unknown[]));
  if (Array.isArray(spec.overrides))
    for (const o of spec.overrides as { user?: unknown }[]) people.push(o?.user);
  return people.filter((p): p is string => typeof p === 'string');
}

/**
 * TenantOnCallView is what of the alert engine's platform configuration one tenant may read: the escalation policies
 * its routes use, the schedules those policies page, and the users and channels they name, by name only (no e-mail,
 * no channels of a person, no channel settings). Alerting refuses platform resources to tenant-scoped callers, so the
 * lists are read platform-wide under the caller's actor and narrowed here.
 */
export class TenantOnCallView {
  private constructor(
    private readonly alerting: AlertEngineClient,
    private readonly platform: AlertEngineCaller,
    private readonly ids: Record<TenantReadable, ReadonlySet<string>>,
  ) {}

  /** load reads the routes and policies (and the schedules, when users are asked for) and works out what is used. */
  static async load(
    alerting: AlertEngineClient,
    caller: AlertEngineCaller,
    tenant: string,
    resource: TenantReadable,
  ): Promise<TenantOnCallView> {
    const platform: AlertEngineCaller = { actor: caller.actor, tenant: null };
    const [routes, policies, schedules] = await Promise.all([
      alerting.list(platform, 'routes'),
      alerting.list(platform, 'policies'),
      resource === 'users' ? alerting.list(platform, 'schedules') : Promise.resolve([]),
    ]);
    const policyIds = policiesOf(routes, tenant);
    const used: Policy[] = policies.filter((p) => policyIds.has(p.id));
    const targets = (type: string) =>
      new Set(
        used.flatMap((p) =>
          p.steps.flatMap((s) => s.targets.filter((t) => t.type === type).map((t) => t.id)),
        ),
      );
    const scheduleIds = targets('schedule');
    const users = targets('user');
    for (const s of schedules) if (scheduleIds.has(s.id)) for (const u of schedulePeople(s)) users.add(u);
    return new TenantOnCallView(alerting, platform, {
      policies: policyIds,
      schedules: scheduleIds,
      users,
      channels: targets('channel'),
    });
  }

  /** sees says whether the tenant may read the object of the resource with that id. */
  sees(resource: TenantReadable, id: string): boolean {
    return this.ids[resource].has(id);
  }

  /** list is every object of the resource the tenant may read, stripped of contact details. */
  async list<R extends TenantReadable>(resource: R): Promise<AlertingView<R>[]> {
    const all = await this.alerting.list(this.platform, resource);
    return all.filter((i) => this.ids[resource].has(i.id)).map((i) => strip(resource, i));
  }

  /** get is one object the tenant may read, stripped; one its routes do not use is, to the tenant, not there. */
  async get<R extends TenantReadable>(resource: R, id: string, noun: string): Promise<AlertingView<R>> {
    if (!this.sees(resource, id)) throw new NotFoundError(`no ${noun} ${id}`);
    return strip(resource, await this.alerting.get(this.platform, resource, id));
  }
}

// A user's e-mail and channels, and a channel's settings, reach a person: a tenant gets names only.
function strip<R extends TenantReadable>(resource: R, item: AlertingView<R>): AlertingView<R> {
  if (resource === 'users') return { ...item, email: null, channelIds: [] };
  if (resource === 'channels') return { ...item, config: {} };
  return item;
}
