import type { IncomingHttpHeaders } from 'node:http';

const MAX_KEY_LENGTH = 256;
const MAX_JWT_LENGTH = 8192;
const KEY_SHAPE = /^[\x21-\x7e]+$/;
const JWT_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;
const BEARER = /^bearer\s+/i;

/** Credential is what a request presented: an API key (and where it came from) or an access JWT. */
export type Credential =
  { kind: 'api-key'; key: string; source: 'x-api-key' | 'authorization' } | { kind: 'jwt'; token: string };

/**
 * extractCredential reads `x-api-key`, or `Authorization: Bearer` holding an API key (`sl_…` or any other
 * opaque token) or a JWT (three base64url parts). Anything oversized or with characters no credential has is
 * treated as absent, so it never reaches auth.
 */
export function extractCredential(headers: IncomingHttpHeaders): Credential | undefined {
  const header = headers['x-api-key'];
  if (typeof header === 'string' && header !== '') return apiKey(header.trim(), 'x-api-key');
  const auth = headers.authorization;
  if (typeof auth !== 'string' || !BEARER.test(auth)) return undefined;
  const value = auth.replace(BEARER, '').trim();
  if (!value.startsWith('sl_') && value.length <= MAX_JWT_LENGTH && JWT_SHAPE.test(value))
    return { kind: 'jwt', token: value };
  return apiKey(value, 'authorization');
}

function apiKey(key: string, source: 'x-api-key' | 'authorization'): Credential | undefined {
  if (key.length === 0 || key.length > MAX_KEY_LENGTH || !KEY_SHAPE.test(key)) return undefined;
  return { kind: 'api-key', key, source };
}
