import { isRecord } from './isRecord';

// The client bundle does not ship zod, so these mirror EscalationPolicy, Schedule, OnCall, OnCallUser and Channel of
// api/src/openapi/alertingConfigSchemas.ts and onCallSchemas.ts, and check just the fields the on-call page reads.

/** EscalationTarget is who one escalation step notifies: a channel, a user, or whoever is on call on a schedule. */
export interface EscalationTarget {
  /** type is 'channel', 'user' or 'schedule'; the api's answer types it as any string. */
  type: string;
  id: string;
}

/** EscalationStep notifies its targets, then waits for an acknowledgement before the next step. */
export interface EscalationStep {
  targets: EscalationTarget[];
  /** waitMinutes may be fractional (0.05 is 3 s). */
  waitMinutes: number;
}

/** EscalationPolicy is who is paged, in which order, and how many times the steps start over. */
export interface EscalationPolicy {
  id: string;
  name: string;
  repeat: number;
  steps: EscalationStep[];
}

/** Schedule is an on-call schedule; its spec is alerting's, typed by the api as any object. */
export interface Schedule {
  id: string;
  name: string;
  spec: Record<string, unknown>;
}

/** OnCallShift is the stretch of the final schedule that holds the instant asked about. */
export interface OnCallShift {
  start: string;
  end: string;
  /** source is 'layer' or 'override'; the api's contract leaves the shift's other keys open. */
  source?: string;
  /** layer names the layer when source is 'layer'. */
  layer?: string;
}

/** OnCall is who is on call on a schedule at one instant (ids; empty when nobody is) and the shift they are in. */
export interface OnCall {
  schedule: string;
  at: string;
  users: string[];
  shift: OnCallShift | null;
}

/** OnCallUser is a person escalations and schedules can page, reached by e-mail and through channels. */
export interface OnCallUser {
  id: string;
  name: string;
  email: string | null;
  channelIds: string[];
}

/** OnCallChannel is a notification channel (PagerDuty, Slack, e-mail, webhook), its secrets masked by the api. */
export interface OnCallChannel {
  id: string;
  name: string;
  type: string;
}

const isString = (v: unknown): v is string => typeof v === 'string';

function isTarget(v: unknown): v is EscalationTarget {
  return isRecord(v) && isString(v.type) && isString(v.id);
}

function isStep(v: unknown): v is EscalationStep {
  return (
    isRecord(v) &&
    Array.isArray(v.targets) &&
    v.targets.every(isTarget) &&
    typeof v.waitMinutes === 'number' &&
    Number.isFinite(v.waitMinutes)
  );
}

/** isEscalationPolicy checks the fields of a policy the on-call page shows. */
export function isEscalationPolicy(v: unknown): v is EscalationPolicy {
  return (
    isRecord(v) &&
    isString(v.id) &&
    isString(v.name) &&
    typeof v.repeat === 'number' &&
    Array.isArray(v.steps) &&
    v.steps.every(isStep)
  );
}

/** isEscalationPolicyList checks a GET /v1/alerting/policies body. */
export function isEscalationPolicyList(v: unknown): v is { policies: EscalationPolicy[] } {
  return isRecord(v) && Array.isArray(v.policies) && v.policies.every(isEscalationPolicy);
}

/** isSchedule checks the fields of a schedule the on-call page shows. */
export function isSchedule(v: unknown): v is Schedule {
  return isRecord(v) && isString(v.id) && isString(v.name) && isRecord(v.spec);
}

/** isScheduleList checks a GET /v1/alerting/schedules body. */
export function isScheduleList(v: unknown): v is { schedules: Schedule[] } {
  return isRecord(v) && Array.isArray(v.schedules) && v.schedules.every(isSchedule);
}

/** isOnCall checks a GET /v1/alerting/schedules/:id/oncall body. */
export function isOnCall(v: unknown): v is OnCall {
  return (
    isRecord(v) &&
    isString(v.schedule) &&
    isString(v.at) &&
    Array.isArray(v.users) &&
    v.users.every(isString) &&
    (v.shift === null ||
      (isRecord(v.shift) &&
        isString(v.shift.start) &&
        isString(v.shift.end) &&
        (v.shift.source === undefined || isString(v.shift.source)) &&
        (v.shift.layer === undefined || isString(v.shift.layer))))
  );
}

/** isOnCallUserList checks a GET /v1/alerting/users body. */
export function isOnCallUserList(v: unknown): v is { users: OnCallUser[] } {
  return (
    isRecord(v) &&
    Array.isArray(v.users) &&
    v.users.every(
      (u) =>
        isRecord(u) &&
        isString(u.id) &&
        isString(u.name) &&
        (u.email === null || isString(u.email)) &&
        Array.isArray(u.channelIds) &&
        u.channelIds.every(isString),
    )
  );
}

/** isOnCallChannelList checks a GET /v1/alerting/channels body. */
export function isOnCallChannelList(v: unknown): v is { channels: OnCallChannel[] } {
  return (
    isRecord(v) &&
    Array.isArray(v.channels) &&
    v.channels.every((c) => isRecord(c) && isString(c.id) && isString(c.name) && isString(c.type))
  );
}
