import { isRecord } from './isRecord';

// The client bundle does not ship zod, so these mirror AlertGroup, AlertGroupDetail and AlertGroupActionResult of
// api/src/openapi/alertSchemas.ts and check just the fields the on-call pages read.

/** GroupState is an alert group's state as the api reports it (acknowledged is a firing group someone took). */
export type GroupState = 'pending' | 'firing' | 'acknowledged' | 'resolved';

/** GROUP_STATES lists the group states in the order the api documents them. */
export const GROUP_STATES: readonly GroupState[] = ['pending', 'firing', 'acknowledged', 'resolved'];

/** AlertGroup is one alert group: the unit that pages, escalates, is acknowledged and resolves. */
export interface AlertGroup {
  id: number;
  dedupKey: string;
  tenant: string | null;
  route: string;
  policy: string | null;
  labels: Record<string, string>;
  state: GroupState;
  /** muted says why nobody is paged (a silence, maintenance window or inhibition), or null. */
  muted: string | null;
  incident: number;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
  resolvedAt: string | null;
  resolvedBy: string | null;
  escalation: { step: number; pass: number; nextAt: string | null } | null;
  createdAt: string;
  updatedAt: string;
}

/** GroupAlert is one alert of a group. */
export interface GroupAlert {
  fingerprint: string;
  tenant: string | null;
  status: 'firing' | 'resolved';
  labels: Record<string, string>;
  annotations: Record<string, string>;
  startsAt: string;
  endsAt: string | null;
  source: string;
}

/** TimelineEvent is one entry of a group's timeline; detail depends on the kind. */
export interface TimelineEvent {
  at: string;
  kind: string;
  actor: string | null;
  detail: Record<string, unknown>;
}

/** GroupNotification is one notification sent, or being sent, for a group. */
export interface GroupNotification {
  id: number;
  target: string;
  integration: string;
  action: string;
  status: 'pending' | 'delivered' | 'dead';
  attempts: number;
  lastError: string | null;
  createdAt: string;
  deliveredAt: string | null;
}

/** AlertGroupDetail is the body of GET /v1/alert-groups/:id. */
export interface AlertGroupDetail {
  group: AlertGroup;
  alerts: GroupAlert[];
  timeline: TimelineEvent[];
  notifications: GroupNotification[];
}

const strOrNull = (v: unknown) => v === null || typeof v === 'string';
const isLabels = (v: unknown): v is Record<string, string> =>
  isRecord(v) && Object.values(v).every((x) => typeof x === 'string');

/** isAlertGroup checks the fields of a group the on-call pages show. */
export function isAlertGroup(v: unknown): v is AlertGroup {
  return (
    isRecord(v) &&
    typeof v.id === 'number' &&
    strOrNull(v.tenant) &&
    isLabels(v.labels) &&
    typeof v.state === 'string' &&
    (GROUP_STATES as readonly string[]).includes(v.state) &&
    strOrNull(v.muted) &&
    strOrNull(v.acknowledgedAt) &&
    strOrNull(v.acknowledgedBy) &&
    strOrNull(v.resolvedAt) &&
    strOrNull(v.resolvedBy) &&
    (v.escalation === null ||
      (isRecord(v.escalation) &&
        typeof v.escalation.step === 'number' &&
        typeof v.escalation.pass === 'number' &&
        strOrNull(v.escalation.nextAt))) &&
    typeof v.createdAt === 'string' &&
    typeof v.updatedAt === 'string'
  );
}

function isGroupAlert(v: unknown): v is GroupAlert {
  return (
    isRecord(v) &&
    typeof v.fingerprint === 'string' &&
    (v.status === 'firing' || v.status === 'resolved') &&
    isLabels(v.labels) &&
    isLabels(v.annotations) &&
    typeof v.startsAt === 'string' &&
    strOrNull(v.endsAt)
  );
}

function isTimelineEvent(v: unknown): v is TimelineEvent {
  return (
    isRecord(v) &&
    typeof v.at === 'string' &&
    typeof v.kind === 'string' &&
    strOrNull(v.actor) &&
    isRecord(v.detail)
  );
}

function isNotification(v: unknown): v is GroupNotification {
  return (
    isRecord(v) &&
    typeof v.id === 'number' &&
    typeof v.target === 'string' &&
    typeof v.integration === 'string' &&
    (v.status === 'pending' || v.status === 'delivered' || v.status === 'dead') &&
    typeof v.attempts === 'number' &&
    strOrNull(v.lastError)
  );
}

/** isAlertGroupList checks a GET /v1/alert-groups body. */
export function isAlertGroupList(v: unknown): v is { groups: AlertGroup[] } {
  return isRecord(v) && Array.isArray(v.groups) && v.groups.every(isAlertGroup);
}

/** isAlertGroupDetail checks a GET /v1/alert-groups/:id body. */
export function isAlertGroupDetail(v: unknown): v is AlertGroupDetail {
  return (
    isRecord(v) &&
    isAlertGroup(v.group) &&
    Array.isArray(v.alerts) &&
    v.alerts.every(isGroupAlert) &&
    Array.isArray(v.timeline) &&
    v.timeline.every(isTimelineEvent) &&
    Array.isArray(v.notifications) &&
    v.notifications.every(isNotification)
  );
}

/** isAlertGroupActionResult checks the body of POST /v1/alert-groups/:id/ack or /resolve. */
export function isAlertGroupActionResult(v: unknown): v is { group: AlertGroup } {
  return isRecord(v) && isAlertGroup(v.group);
}
