import type { LoginResponse } from '@sightline/contracts';
import { readProblemDetail } from './readProblemDetail';

/** LoginResult is the outcome of a sign-in attempt: a token, or a message to show. */
export type LoginResult = { kind: 'ok'; response: LoginResponse } | { kind: 'error'; message: string };

/** login posts the credentials to the api and never throws; failures come back as a message for the form. */
export async function login(apiUrl: string, email: string, password: string): Promise<LoginResult> {
  let response: Response;
  try {
    response = await fetch(`${apiUrl}/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json, application/problem+json' },
      body: JSON.stringify({ email, password }),
    });
  } catch {
    return { kind: 'error', message: 'Cannot reach the Sightline api. Check your connection and try again.' };
  }
  if (!response.ok) return { kind: 'error', message: await readProblemDetail(response, 'Sign-in failed') };
  try {
    const body = (await response.json()) as Partial<LoginResponse>;
    if (typeof body.accessToken !== 'string' || body.accessToken === '')
      throw new TypeError('no accessToken');
    return { kind: 'ok', response: body as LoginResponse };
  } catch {
    return { kind: 'error', message: 'The api sent an unexpected answer to sign-in.' };
  }
}
