/** ConnectionState is the live socket's state as the board shows it. */
export type ConnectionState = 'connecting' | 'live' | 'reconnecting';

const LABEL: Record<ConnectionState, string> = {
  connecting: 'Connecting…',
  live: 'Live',
  reconnecting: 'Reconnecting…',
};

/** ConnectionStatus announces whether the board is receiving live updates. */
export function ConnectionStatus({ state }: { state: ConnectionState }) {
  return (
    <p className="connection" role="status" data-testid="connection" data-state={state}>
      <span className="status-dot" aria-hidden="true" />
      {LABEL[state]}
    </p>
  );
}
