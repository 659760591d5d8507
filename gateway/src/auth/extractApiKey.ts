import type { IncomingHttpHeaders } from 'node:http';

const MAX_KEY_LENGTH = 256;
const KEY_SHAPE = /^[\x21-\x7e]+$/;

/** ExtractedKey says where the API key came from, so the proxy can keep it away from the upstream. */
export interface ExtractedKey {
  key: string;
  source: 'x-api-key' | 'authorization';
}

/**
 * extractApiKey reads the key from `x-api-key` or `Authorization: Bearer`; anything oversized or with
 * characters no key has is treated as absent, so it never reaches auth.
 */
export function extractApiKey(headers: IncomingHttpHeaders): ExtractedKey | undefined {
  const header = headers['x-api-key'];
  if (typeof header === 'string' && header !== '') return shaped(header.trim(), 'x-api-key');
  const auth = headers.authorization;
  if (typeof auth === 'string' && /^bearer\s+/i.test(auth))
    return shaped(auth.replace(/^bearer\s+/i, '').trim(), 'authorization');
  return undefined;
}

function shaped(key: string, source: ExtractedKey['source']): ExtractedKey | undefined {
  if (key.length === 0 || key.length > MAX_KEY_LENGTH || !KEY_SHAPE.test(key)) return undefined;
  return { key, source };
}
