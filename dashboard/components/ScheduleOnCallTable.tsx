import Link from 'next/link';
import { formatDateTime, NO_VALUE } from '../lib/format';
import { formatRelative } from '../lib/formatDuration';
import type { Loadable } from '../lib/Loadable';
import type { OnCall, OnCallShift } from '../lib/onCallApiShapes';
import type { OnCallDirectory } from '../lib/onCallDirectory';
import { onCallWordList } from '../lib/onCallWordList';
import type { ScheduleShifts } from '../lib/scheduleShifts';

/** ScheduleOnCallRow is one schedule as the table lists it: its name and its rotations in words. */
export interface ScheduleOnCallRow {
  id: string;
  name: string;
  layers: string[];
}

/** ScheduleOnCallTableProps carry the schedules, what is loaded of their shifts, and the viewer's clock. */
export interface ScheduleOnCallTableProps {
  schedules: readonly ScheduleOnCallRow[];
  shifts: ReadonlyMap<string, Loadable<ScheduleShifts>>;
  directory: OnCallDirectory;
  now: number;
}

function who(onCall: OnCall, directory: OnCallDirectory): string {
  return onCall.users.length === 0
    ? 'Nobody'
    : onCallWordList(onCall.users.map((u) => directory.userName(u)));
}

function sourceText(shift: OnCallShift): string {
  if (shift.source === 'override') return 'by override';
  if (shift.layer !== undefined) return `on the ${shift.layer} rotation`;
  return 'on the rotation';
}

function Time({ iso }: { iso: string }) {
  return <time dateTime={iso}>{formatDateTime(iso)}</time>;
}

/**
 * ScheduleOnCallTable shows, per schedule, who is on call now, until when and whether by an override, then the next
 * hand-offs in order; names where the users list is readable, ids otherwise.
 */
export function ScheduleOnCallTable({ schedules, shifts, directory, now }: ScheduleOnCallTableProps) {
  return (
    <div className="table-scroll">
      <table className="alert-table" data-testid="schedules">
        <caption className="visually-hidden">On-call schedules: who is on call now and next</caption>
        <thead>
          <tr>
            <th scope="col">Schedule</th>
            <th scope="col">On call now</th>
            <th scope="col">Until</th>
            <th scope="col">Next hand-offs</th>
          </tr>
        </thead>
        <tbody>
          {schedules.map((s) => {
            const loaded: Loadable<ScheduleShifts> = shifts.get(s.id) ?? { kind: 'loading' };
            return (
              <tr key={s.id} data-testid="schedule-row" data-schedule-id={s.id}>
                <th scope="row">
                  <Link href={`/oncall/schedules/${encodeURIComponent(s.id)}`} data-testid="schedule-link">
                    {s.name}
                  </Link>
                  {s.name !== s.id ? <span className="board-note"> · {s.id}</span> : null}
                  {s.layers.length > 0 ? (
                    // The rotations are detail under the row's heading, not part of it.
                    <ul className="board-note" data-testid="schedule-layers" style={{ fontWeight: 'normal' }}>
                      {s.layers.map((l) => (
                        <li key={l}>{l}</li>
                      ))}
                    </ul>
                  ) : null}
                </th>
                {loaded.kind === 'loading' ? (
                  <td colSpan={3} data-testid="schedule-now">
                    Loading who is on call…
                  </td>
                ) : loaded.kind === 'error' ? (
                  <td colSpan={3} className="chart-error" data-testid="schedule-now">
                    Could not load who is on call: {loaded.message}
                  </td>
                ) : (
                  <ShiftCells shifts={loaded.body} directory={directory} now={now} />
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

interface ShiftCellsProps {
  shifts: ScheduleShifts;
  directory: OnCallDirectory;
  now: number;
}

function ShiftCells({ shifts, directory, now }: ShiftCellsProps) {
  const { shift } = shifts.now;
  return (
    <>
      <td>
        <strong data-testid="schedule-now">{who(shifts.now, directory)}</strong>
        {shift !== null ? (
          <span className="board-note" data-testid="schedule-source">
            {' '}
            {sourceText(shift)}
          </span>
        ) : null}
      </td>
      <td data-testid="schedule-until">
        {shift === null ? (
          NO_VALUE
        ) : (
          <>
            <Time iso={shift.end} />
            <span className="board-note"> ({formatRelative(shift.end, now)})</span>
          </>
        )}
      </td>
      <td>
        <NextShifts shifts={shifts} directory={directory} />
      </td>
    </>
  );
}

function NextShifts({ shifts, directory }: { shifts: ScheduleShifts; directory: OnCallDirectory }) {
  if (shifts.next.length === 0 && shifts.problem === null)
    return <span data-testid="schedule-next">{NO_VALUE}</span>;
  return (
    <>
      <ol className="timeline" data-testid="schedule-next">
        {shifts.next.map((n) => (
          <li key={n.at} className="timeline-entry" data-testid="schedule-next-shift">
            <strong>{who(n, directory)}</strong>{' '}
            {n.shift === null ? (
              <>
                from <Time iso={n.at} />, with no end planned
              </>
            ) : (
              <>
                from <Time iso={n.shift.start} /> until <Time iso={n.shift.end} />
                <span className="board-note"> {sourceText(n.shift)}</span>
              </>
            )}
          </li>
        ))}
      </ol>
      {shifts.problem !== null ? (
        <p className="chart-error" data-testid="schedule-next-problem">
          Could not load the shifts after that: {shifts.problem}
        </p>
      ) : null}
    </>
  );
}
