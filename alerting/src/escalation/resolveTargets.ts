import type { ChannelRow, EngineConfig } from '../engine/EngineConfig';
import type { ChannelConfig } from '../notify/ChannelConfig';
import { onCallAt } from '../oncall/onCallAt';
import type { EscalationTargetValue } from './EscalationPolicySpec';

/** DeliveryTarget is one resolved destination: a configured channel, or a user's e-mail address. */
export interface DeliveryTarget {
  /** key identifies the destination, so the same channel reached twice in one step is notified once. */
  key: string;
  channelId: string | null;
  integration: string;
  /** adhoc is the channel configuration of a destination that is not a stored channel (a user's e-mail). */
  adhoc: ChannelConfig | null;
  /** via says how the step reached it (user:alice, schedule:primary), for the timeline. */
  via: string;
}

/** UnresolvedTarget is a target that named something that no longer exists, or a schedule with nobody on call. */
export interface UnresolvedTarget {
  target: EscalationTargetValue;
  reason: string;
}

/** resolveTargets turns a step's targets into destinations at `at`: schedules become whoever is on call then. */
export function resolveTargets(
  targets: readonly EscalationTargetValue[],
  cfg: Pick<EngineConfig, 'channels' | 'users' | 'schedules'>,
  at: Date,
): { targets: DeliveryTarget[]; unresolved: UnresolvedTarget[] } {
  const out = new Map<string, DeliveryTarget>();
  const unresolved: UnresolvedTarget[] = [];
  const addChannel = (ch: ChannelRow, via: string): void => {
    const key = `channel:${ch.id}`;
    if (!out.has(key)) out.set(key, { key, channelId: ch.id, integration: ch.config.type, adhoc: null, via });
  };
  const addUser = (userId: string, via: string, target: EscalationTargetValue): void => {
    const user = cfg.users.get(userId);
    if (!user) {
      unresolved.push({ target, reason: `user ${userId} does not exist` });
      return;
    }
    let reached = false;
    for (const cid of user.channelIds) {
      const ch = cfg.channels.get(cid);
      if (ch) {
        addChannel(ch, via);
        reached = true;
      }
    }
    if (user.email) {
      const key = `email:${user.email.toLowerCase()}`;
      if (!out.has(key))
        out.set(key, {
          key,
          channelId: null,
          integration: 'email',
          adhoc: { type: 'email', to: [user.email] } as ChannelConfig,
          via,
        });
      reached = true;
    }
    if (!reached) unresolved.push({ target, reason: `user ${userId} has no e-mail address and no channel` });
  };
  for (const t of targets) {
    if (t.type === 'channel') {
      const ch = cfg.channels.get(t.id);
      if (ch) addChannel(ch, `channel:${t.id}`);
      else unresolved.push({ target: t, reason: `channel ${t.id} does not exist` });
    } else if (t.type === 'user') {
      addUser(t.id, `user:${t.id}`, t);
    } else {
      const schedule = cfg.schedules.get(t.id);
      if (!schedule) {
        unresolved.push({ target: t, reason: `schedule ${t.id} does not exist` });
        continue;
      }
      const { users } = onCallAt(schedule.spec, at);
      if (users.length === 0) unresolved.push({ target: t, reason: `nobody is on call on schedule ${t.id}` });
      for (const u of users) addUser(u, `schedule:${t.id}/user:${u}`, t);
    }
  }
  return { targets: [...out.values()], unresolved };
}
