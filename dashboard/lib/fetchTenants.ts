import type { Tenant } from '@sightline/contracts';
import { readProblemDetail } from './readProblemDetail';

/** TenantsResult is the outcome of listing tenants: the list, a sign-in needed, or a message to show. */
export type TenantsResult =
  { kind: 'ok'; tenants: Tenant[] } | { kind: 'unauthorized' } | { kind: 'error'; message: string };

/** fetchTenants lists the tenants the token may see, sorted by name; it never throws except on abort. */
export async function fetchTenants(
  apiUrl: string,
  token: string,
  signal?: AbortSignal,
): Promise<TenantsResult> {
  let response: Response;
  try {
    response = await fetch(`${apiUrl}/v1/tenants`, {
      headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
      signal,
    });
  } catch (error) {
    if (signal?.aborted) throw error;
    return { kind: 'error', message: 'Cannot reach the Sightline api to list tenants.' };
  }
  if (response.status === 401) return { kind: 'unauthorized' };
  if (!response.ok)
    return { kind: 'error', message: await readProblemDetail(response, 'Could not list tenants') };
  const body: unknown = await response.json().catch(() => null);
  if (!Array.isArray(body)) return { kind: 'error', message: 'The api sent an unexpected tenant list.' };
  const tenants = body.filter(
    (t): t is Tenant =>
      typeof t === 'object' &&
      t !== null &&
      typeof (t as Tenant).id === 'string' &&
      typeof (t as Tenant).name === 'string',
  );
  return { kind: 'ok', tenants: [...tenants].sort((a, b) => a.name.localeCompare(b.name)) };
}
