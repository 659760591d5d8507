import type { IncomingHttpHeaders } from 'node:http';

const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'http2-settings',
]);

/** ForwardHeaders are headers ready to hand to the next hop. */
export type ForwardHeaders = Record<string, string | string[]>;

/**
 * stripHopByHop copies headers without the RFC 9110 §7.6.1 connection-specific fields, including any field
 * the Connection header itself names.
 */
export function stripHopByHop(
  headers: IncomingHttpHeaders | Record<string, string | string[] | undefined>,
): ForwardHeaders {
  const connection = headers.connection;
  const listed = new Set<string>();
  for (const value of Array.isArray(connection) ? connection : [connection ?? '']) {
    for (const token of value.split(',')) {
      const name = token.trim().toLowerCase();
      if (name) listed.add(name);
    }
  }
  const out: ForwardHeaders = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || HOP_BY_HOP.has(name) || listed.has(name)) continue;
    out[name] = value;
  }
  return out;
}
