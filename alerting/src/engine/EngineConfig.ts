import type { RoutingTree } from '../dispatch/RoutingTree';
import type { EscalationPolicyValue } from '../escalation/EscalationPolicySpec';
import type { ChannelConfig } from '../notify/ChannelConfig';
import type { ScheduleSpec } from '../oncall/ScheduleSpec';
import type { SilenceRule } from '../silence/Silencer';

/** ChannelRow is a stored notification channel. */
export interface ChannelRow {
  id: string;
  name: string;
  config: ChannelConfig;
  updatedAt: Date;
}

/** UserRow is a stored user that steps and schedules can notify. */
export interface UserRow {
  id: string;
  name: string;
  email: string | null;
  channelIds: string[];
}

/** StoredSilence is a silence with what reminders need besides muting. */
export interface StoredSilence extends SilenceRule {
  tenantId: string | null;
  comment: string;
  createdBy: string;
  createdAt: Date;
  reminderChannelId: string | null;
  lastReminderAt: Date | null;
}

/** EngineConfig is everything the pipeline reads from configuration, loaded at one version. */
export interface EngineConfig {
  version: number;
  tree: RoutingTree;
  policies: Map<string, EscalationPolicyValue & { id: string }>;
  channels: Map<string, ChannelRow>;
  users: Map<string, UserRow>;
  schedules: Map<string, { id: string; name: string; spec: ScheduleSpec }>;
  silences: StoredSilence[];
}
