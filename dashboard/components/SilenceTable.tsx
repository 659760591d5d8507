import { describeMatchers, describeWindow, SILENCE_STATUS_LABEL } from '../lib/describeSilence';
import { formatDateTime, NO_VALUE } from '../lib/format';
import type { Silence } from '../lib/silenceApiShapes';

/** SilenceTableProps carry the silences in display order and, for responders, how to expire one. */
export interface SilenceTableProps {
  silences: readonly Silence[];
  /** onExpire is absent for roles that may not expire silences; no button is shown then. */
  onExpire?: (silence: Silence) => void;
  /** expiring is the id of the silence being expired, if any. */
  expiring: string | null;
}

/** SilenceTable lists silences and maintenance windows: status in words, what they mute, when, why and who. */
export function SilenceTable({ silences, onExpire, expiring }: SilenceTableProps) {
  return (
    <div className="table-scroll">
      <table className="alert-table" data-testid="silences">
        <caption className="visually-hidden">Silences and maintenance windows, active first</caption>
        <thead>
          <tr>
            <th scope="col">Status</th>
            <th scope="col">Mutes</th>
            <th scope="col">When</th>
            <th scope="col">Why</th>
            <th scope="col">Who</th>
            {onExpire !== undefined ? (
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            ) : null}
          </tr>
        </thead>
        <tbody>
          {silences.map((s) => (
            <tr key={s.id} data-testid="silence-row" data-silence-id={s.id} data-status={s.status}>
              <td data-testid="silence-status">
                <span className="silence-status" data-status={s.status}>
                  {SILENCE_STATUS_LABEL[s.status]}
                </span>
                <span className="board-note">
                  {' '}
                  · {s.kind === 'maintenance' ? 'maintenance' : 'silence'} {s.id}
                </span>
              </td>
              <td>
                <ul className="label-list" aria-label="Matchers">
                  {describeMatchers(s).map((m) => (
                    <li key={m}>
                      <code>{m}</code>
                    </li>
                  ))}
                </ul>
              </td>
              <td data-testid="silence-window">
                {describeWindow(s.window)}
                {s.status !== 'expired' && s.currentOrNext !== null ? (
                  <span className="board-note">
                    {' '}
                    · {s.status === 'active' ? 'now until' : 'next'}{' '}
                    {s.status === 'active' ? (
                      <time dateTime={s.currentOrNext.end}>{formatDateTime(s.currentOrNext.end)}</time>
                    ) : (
                      <time dateTime={s.currentOrNext.start}>{formatDateTime(s.currentOrNext.start)}</time>
                    )}
                  </span>
                ) : null}
                {s.expiredAt !== null ? (
                  <span className="board-note">
                    {' '}
                    · expired by hand <time dateTime={s.expiredAt}>{formatDateTime(s.expiredAt)}</time>
                  </span>
                ) : null}
              </td>
              <td className="silence-comment">{s.comment}</td>
              <td>
                {s.createdBy}
                {s.createdAt !== null ? (
                  <span className="board-note">
                    {' '}
                    · <time dateTime={s.createdAt}>{formatDateTime(s.createdAt)}</time>
                  </span>
                ) : (
                  NO_VALUE
                )}
              </td>
              {onExpire !== undefined ? (
                <td>
                  {s.status !== 'expired' ? (
                    <button
                      type="button"
                      className="button-quiet"
                      data-testid="silence-expire"
                      disabled={expiring !== null}
                      onClick={() => onExpire(s)}
                    >
                      {expiring === s.id ? 'Expiring…' : 'Expire'}
                      <span className="visually-hidden"> {s.id}</span>
                    </button>
                  ) : null}
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
