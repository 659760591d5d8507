import type { ApiResult } from './apiGet';
import type { Loadable } from './Loadable';

/** toLoadable turns an api answer into a panel state; a refused token calls onUnauthorized and shows why. */
export function toLoadable<T, U = T>(
  result: ApiResult<T>,
  onUnauthorized: () => void,
  map: (body: T) => U = (body) => body as unknown as U,
): Loadable<U> {
  switch (result.kind) {
    case 'ok':
      return { kind: 'ok', body: map(result.body) };
    case 'unauthorized':
      onUnauthorized();
      return { kind: 'error', message: 'Your session has ended; sign in again.' };
    default:
      return { kind: 'error', message: result.message };
  }
}
