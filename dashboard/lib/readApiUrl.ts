/** DEFAULT_API_URL is where the console looks for the api when API_URL is not set. */
export const DEFAULT_API_URL = 'http://127.0.0.1:4000';

/** readApiUrl returns the api base URL from API_URL at request time, without a trailing slash. */
export function readApiUrl(env: Record<string, string | undefined> = process.env): string {
  const raw = env.API_URL?.trim();
  return (raw === undefined || raw === '' ? DEFAULT_API_URL : raw).replace(/\/+$/, '');
}
