import type { AlertGroup } from './alertApiShapes';

/** GroupDisplayState is how the console names a group's state: a firing or pending group nobody is paged for is muted. */
export type GroupDisplayState = 'firing' | 'acknowledged' | 'pending' | 'muted' | 'resolved';

/** GROUP_STATE_LABEL is the word shown for each state, so the state never relies on colour alone. */
export const GROUP_STATE_LABEL: Record<GroupDisplayState, string> = {
  firing: 'Firing',
  acknowledged: 'Acknowledged',
  pending: 'Pending',
  muted: 'Muted',
  resolved: 'Resolved',
};

/**
 * groupDisplayState names a group's state for the on-call engineer. Acknowledged wins over muted (someone already
 * has it); a firing or pending group with a mute reason is muted, since nobody is being paged for it.
 */
export function groupDisplayState(group: Pick<AlertGroup, 'state' | 'muted'>): GroupDisplayState {
  if (group.state === 'resolved' || group.state === 'acknowledged') return group.state;
  return group.muted !== null ? 'muted' : group.state;
}
