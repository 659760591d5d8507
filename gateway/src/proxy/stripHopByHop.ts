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

const NONE: HeaderNames = new Set();

/** HeaderNames says whether a (lower-case) header name belongs to a group, as a Set of names does. */
export type HeaderNames = Pick<ReadonlySet<string>, 'has'>;

/** ForwardHeaders are headers ready to hand to the next hop. */
export type ForwardHeaders = Record<string, string | string[]>;

/**
 * stripHopByHop copies headers without the RFC 9110 §7.6.1 connection-specific fields, including any field
 * the Connection header itself names, and without any name in `skip`; `extra` fields are added where the copy
 * has no field of that name. One pass, no deletes: deleting keys
 * turns V8 objects into slow dictionaries, and this runs twice per proxied request.
 */
export function stripHopByHop(
  headers: IncomingHttpHeaders | Record<string, string | string[] | undefined>,
  skip: HeaderNames = NONE,
  extra?: Readonly<Record<string, string>>,
): ForwardHeaders {
  const connection = headers.connection;
  let listed: Set<string> | undefined;
  if (connection !== undefined) {
    listed = new Set();
    for (const value of Array.isArray(connection) ? connection : [connection]) {
      for (const token of value.split(',')) {
        const name = token.trim().toLowerCase();
        if (name) listed.add(name);
      }
    }
  }
  const out: ForwardHeaders = {};
  for (const name in headers) {
    const value = headers[name];
    if (value === undefined || HOP_BY_HOP.has(name) || skip.has(name) || listed?.has(name)) continue;
    out[name] = value;
  }
  if (extra !== undefined) for (const name in extra) if (out[name] === undefined) out[name] = extra[name]!;
  return out;
}
