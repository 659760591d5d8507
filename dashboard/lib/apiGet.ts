import { readProblemDetail } from './readProblemDetail';

/** ApiResult is the outcome of a console GET: the body, a sign-in needed, a refusal, or a message to show. */
export type ApiResult<T> =
  | { kind: 'ok'; body: T }
  | { kind: 'unauthorized' }
  | { kind: 'forbidden'; message: string }
  | { kind: 'notfound'; message: string }
  | { kind: 'error'; message: string };

/** apiGet fetches a JSON resource from the api with the bearer token; it never throws except on abort. */
export async function apiGet<T>(
  apiUrl: string,
  path: string,
  token: string,
  isBody: (body: unknown) => body is T,
  signal?: AbortSignal,
): Promise<ApiResult<T>> {
  let response: Response;
  try {
    response = await fetch(`${apiUrl}${path}`, {
      headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
      signal,
    });
  } catch (error) {
    if (signal?.aborted) throw error;
    return { kind: 'error', message: 'Cannot reach the Sightline api.' };
  }
  if (response.status === 401) return { kind: 'unauthorized' };
  if (response.status === 403)
    return { kind: 'forbidden', message: await readProblemDetail(response, 'Not allowed') };
  if (response.status === 404)
    return { kind: 'notfound', message: await readProblemDetail(response, 'Not found') };
  if (!response.ok) return { kind: 'error', message: await readProblemDetail(response, 'Request failed') };
  const body: unknown = await response.json().catch(() => undefined);
  if (!isBody(body)) return { kind: 'error', message: 'The api sent an unexpected answer.' };
  return { kind: 'ok', body };
}
