import type { AlertGroup } from '../lib/alertApiShapes';
import { formatDateTime, NO_VALUE } from '../lib/format';
import { formatRelative } from '../lib/formatDuration';

/** EscalationTextProps carry a group and the viewer's clock. */
export interface EscalationTextProps {
  group: Pick<AlertGroup, 'state' | 'escalation'>;
  now: number;
}

/** EscalationText says which escalation step a group is on and when the next one is due, or that it stopped. */
export function EscalationText({ group, now }: EscalationTextProps) {
  const e = group.escalation;
  if (e === null) return <>{NO_VALUE}</>;
  const where = `Step ${e.step}${e.pass > 1 ? `, pass ${e.pass}` : ''}`;
  if (group.state === 'resolved') return <>{where} · ended</>;
  if (group.state === 'acknowledged') return <>{where} · stopped (acknowledged)</>;
  if (e.nextAt === null) return <>{where} · no further step</>;
  return (
    <>
      {where} · next{' '}
      <time dateTime={e.nextAt} title={formatDateTime(e.nextAt)}>
        {formatRelative(e.nextAt, now)}
      </time>
    </>
  );
}
