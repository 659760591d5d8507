import type { OnCallChannel, OnCallUser, Schedule } from './onCallApiShapes';
import { targetPick } from './policyForm';

/** PickChoice is one choice of a picker: the value sent, the words shown, and the heading it sits under. */
export interface PickChoice {
  value: string;
  label: string;
  group?: string;
}

/** OnCallLists are the users, channels and schedules an editor offers; null for one that could not be read. */
export interface OnCallLists {
  users: readonly OnCallUser[] | null;
  channels: readonly OnCallChannel[] | null;
  schedules: readonly Schedule[] | null;
}

/** targetChoices offers every schedule (whoever is on call on it), user and channel as an escalation target. */
export function targetChoices(lists: OnCallLists): PickChoice[] {
  return [
    ...(lists.schedules ?? []).map((s) => ({
      value: targetPick({ type: 'schedule', id: s.id }),
      label: `On call on ${s.name}`,
      group: 'Schedules',
    })),
    ...(lists.users ?? []).map((u) => ({
      value: targetPick({ type: 'user', id: u.id }),
      label: u.name,
      group: 'People',
    })),
    ...(lists.channels ?? []).map((c) => ({
      value: targetPick({ type: 'channel', id: c.id }),
      label: `${c.name} (${c.type})`,
      group: 'Channels',
    })),
  ];
}

/** userChoices offers every user by name, for rotations and overrides. */
export function userChoices(lists: OnCallLists): PickChoice[] {
  return (lists.users ?? []).map((u) => ({ value: u.id, label: u.name }));
}
