import { extendZodWithOpenApi } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import {
  AlertRoute,
  AlertRouteRequest,
  Channel,
  ChannelRequest,
  EscalationPolicy,
  EscalationPolicyRequest,
  OnCallUser,
  OnCallUserRequest,
  Schedule,
  ScheduleRequest,
} from './alertingConfigSchemas';
import { Silence, SilenceRequest } from './silenceSchemas';

extendZodWithOpenApi(z);

const listOf = <K extends string, V extends z.ZodType>(key: K, view: V, name: string) =>
  z.object({ [key]: z.array(view) } as Record<K, z.ZodArray<V>>).openapi(name);

/**
 * ALERTING_RESOURCES describes each object alerting serves CRUD for under /internal/v1/<resource>: its noun, the
 * body a client writes and the view alerting answers with (one, and a list under the resource's name).
 */
export const ALERTING_RESOURCES = {
  channels: {
    noun: 'notification channel',
    request: ChannelRequest,
    view: Channel,
    list: listOf('channels', Channel, 'ChannelList'),
  },
  users: {
    noun: 'on-call user',
    request: OnCallUserRequest,
    view: OnCallUser,
    list: listOf('users', OnCallUser, 'OnCallUserList'),
  },
  schedules: {
    noun: 'on-call schedule',
    request: ScheduleRequest,
    view: Schedule,
    list: listOf('schedules', Schedule, 'ScheduleList'),
  },
  policies: {
    noun: 'escalation policy',
    request: EscalationPolicyRequest,
    view: EscalationPolicy,
    list: listOf('policies', EscalationPolicy, 'EscalationPolicyList'),
  },
  routes: {
    noun: 'alert route',
    request: AlertRouteRequest,
    view: AlertRoute,
    list: listOf('routes', AlertRoute, 'AlertRouteList'),
  },
  silences: {
    noun: 'silence',
    request: SilenceRequest,
    view: Silence,
    list: listOf('silences', Silence, 'SilenceList'),
  },
} as const;

/** AlertingResource names one of ALERTING_RESOURCES. */
export type AlertingResource = keyof typeof ALERTING_RESOURCES;

/** AlertingView is what alerting answers for one object of a resource. */
export type AlertingView<R extends AlertingResource> = z.infer<(typeof ALERTING_RESOURCES)[R]['view']>;
