import type { TimelineEvent } from '../lib/alertApiShapes';
import { describeTimelineEvent } from '../lib/describeTimelineEvent';
import { formatDateTime } from '../lib/format';

/** GroupTimelineProps carry a group's timeline, oldest first as the api sends it. */
export interface GroupTimelineProps {
  timeline: readonly TimelineEvent[];
}

/** GroupTimeline lists what happened to a group, oldest first, each entry in words. */
export function GroupTimeline({ timeline }: GroupTimelineProps) {
  if (timeline.length === 0) return <p className="board-note">Nothing has happened to this group yet.</p>;
  return (
    <ol className="timeline" data-testid="group-timeline">
      {timeline.map((e, i) => {
        const { label, text } = describeTimelineEvent(e);
        return (
          <li key={`${e.at}-${i}`} className="timeline-entry" data-testid="timeline-entry" data-kind={e.kind}>
            <time dateTime={e.at} className="timeline-at">
              {formatDateTime(e.at)}
            </time>{' '}
            <strong className="timeline-kind">{label}</strong>
            {text !== '' ? <span className="timeline-text">: {text}</span> : null}
          </li>
        );
      })}
    </ol>
  );
}
