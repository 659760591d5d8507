import { readProblemDetail } from './readProblemDetail';

/** ApiSendResult is the outcome of a console write: the body, a sign-in needed, or the api's refusal and why. */
export type ApiSendResult<T> =
  | { kind: 'ok'; body: T }
  | { kind: 'unauthorized' }
  | { kind: 'refused'; status: number; message: string }
  | { kind: 'error'; message: string };

/**
 * apiSend sends a POST, PUT or DELETE with the bearer token and, when given, a JSON body; a 204 counts as ok with an
 * undefined body. It never throws: a 4xx comes back as `refused` with the api's problem `detail`.
 */
export async function apiSend<T>(
  apiUrl: string,
  method: 'POST' | 'PUT' | 'DELETE',
  path: string,
  token: string,
  body: unknown,
  isBody: (body: unknown) => body is T,
): Promise<ApiSendResult<T>> {
  let response: Response;
  try {
    response = await fetch(`${apiUrl}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        accept: 'application/json, application/problem+json',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  } catch {
    return { kind: 'error', message: 'Cannot reach the Sightline api.' };
  }
  if (response.status === 401) return { kind: 'unauthorized' };
  if (response.status >= 400 && response.status < 500)
    return {
      kind: 'refused',
      status: response.status,
      message: await readProblemDetail(response, 'Refused'),
    };
  if (!response.ok) return { kind: 'error', message: await readProblemDetail(response, 'Request failed') };
  const parsed: unknown = response.status === 204 ? undefined : await response.json().catch(() => null);
  if (!isBody(parsed)) return { kind: 'error', message: 'The api sent an unexpected answer.' };
  return { kind: 'ok', body: parsed };
}
