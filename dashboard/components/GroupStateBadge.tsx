import type { AlertGroup } from '../lib/alertApiShapes';
import { GROUP_STATE_LABEL, groupDisplayState } from '../lib/groupDisplayState';

/** GroupStateBadgeProps carry the group whose state to show. */
export interface GroupStateBadgeProps {
  group: Pick<AlertGroup, 'state' | 'muted'>;
  testId?: string;
}

/** GroupStateBadge shows a group's state in words, with data-state for the colour: never colour alone. */
export function GroupStateBadge({ group, testId }: GroupStateBadgeProps) {
  const state = groupDisplayState(group);
  return (
    <span className="group-state" data-state={state} data-testid={testId}>
      <span className="status-dot" aria-hidden="true" />
      {GROUP_STATE_LABEL[state]}
    </span>
  );
}
