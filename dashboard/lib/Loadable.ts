/** Loadable is a panel's data: still loading, failed with a message to show, or there. */
export type Loadable<T> = { kind: 'loading' } | { kind: 'error'; message: string } | { kind: 'ok'; body: T };
