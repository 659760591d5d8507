import type { IncomingMessage } from 'node:http';
import type { ForwardHeaders, HeaderNames } from './stripHopByHop';
import { stripHopByHop } from './stripHopByHop';

/** UpstreamStamp is what the gateway adds to every forwarded request. */
export interface UpstreamStamp {
  requestId: string;
  /** The tenant the credential proved; undefined on routes without credentials. */
  tenantId: string | undefined;
  traceparent: string;
  /** The API key came in Authorization, so that header is the gateway's and not the upstream's. */
  dropAuthorization: boolean;
  /** The peer is a trusted proxy, so its X-Forwarded-* headers are kept and extended. */
  trustedPeer: boolean;
}

// Replaced by the gateway's own values, or never forwarded at all.
const ALWAYS_DROPPED = new Set([
  'host',
  'expect',
  'x-api-key',
  'tracestate',
  'traceparent',
  'x-sightline-tenant',
  'x-request-id',
  'x-forwarded-for',
  'x-forwarded-proto',
  'x-forwarded-host',
]);
const DROPPED_WITH_AUTHORIZATION = new Set([...ALWAYS_DROPPED, 'authorization']);

// X-Sightline-* is the platform's internal namespace (tenant, actor, ...): upstreams behind the gateway trust it,
// so nothing of it a client sends is passed on, whatever a later service starts to read from it.
const INTERNAL_PREFIX = 'x-sightline-';
const internalOr = (names: ReadonlySet<string>): HeaderNames => ({
  has: (name) => names.has(name) || name.startsWith(INTERNAL_PREFIX),
});
const SKIPPED = internalOr(ALWAYS_DROPPED);
const SKIPPED_WITH_AUTHORIZATION = internalOr(DROPPED_WITH_AUTHORIZATION);

/**
 * upstreamRequestHeaders builds the forwarded request's headers: hop-by-hop fields and the tenant's API key
 * removed, client-supplied X-Sightline-* and trace headers dropped or replaced by the gateway's own,
 * X-Forwarded-* extended only when the peer is a trusted proxy (an untrusted peer's values are replaced, never
 * passed on; X-Forwarded-Proto is then the gateway's own scheme).
 */
export function upstreamRequestHeaders(req: IncomingMessage, stamp: UpstreamStamp): ForwardHeaders {
  const h = req.headers;
  const out = stripHopByHop(h, stamp.dropAuthorization ? SKIPPED_WITH_AUTHORIZATION : SKIPPED);
  const peer = req.socket.remoteAddress ?? 'unknown';
  const forwardedFor = h['x-forwarded-for'];
  out['x-forwarded-for'] =
    stamp.trustedPeer && typeof forwardedFor === 'string' ? `${forwardedFor}, ${peer}` : peer;
  const proto = h['x-forwarded-proto'];
  out['x-forwarded-proto'] =
    stamp.trustedPeer && typeof proto === 'string' ? proto : 'encrypted' in req.socket ? 'https' : 'http';
  const fwdHost = h['x-forwarded-host'];
  if (stamp.trustedPeer && typeof fwdHost === 'string') out['x-forwarded-host'] = fwdHost;
  else if (h.host) out['x-forwarded-host'] = h.host;
  // The body is streamed as it arrives, framed by the client's Content-Length; naming that field in Connection
  // must not turn the forwarded request into a chunked one the upstream may refuse.
  const length = h['content-length'];
  if (length !== undefined) out['content-length'] = length;
  out['x-request-id'] = stamp.requestId;
  if (stamp.tenantId !== undefined) out['x-sightline-tenant'] = stamp.tenantId;
  out.traceparent = stamp.traceparent;
  return out;
}
