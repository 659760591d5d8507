import type { IncomingMessage } from 'node:http';
import type { ForwardHeaders } from './stripHopByHop';
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

/**
 * upstreamRequestHeaders builds the forwarded request's headers: hop-by-hop fields and the tenant's API key
 * removed, client-supplied tenant and trace headers replaced by the gateway's own, X-Forwarded-* extended only
 * when the peer is a trusted proxy (an untrusted peer's values are replaced, never passed on).
 */
export function upstreamRequestHeaders(req: IncomingMessage, stamp: UpstreamStamp): ForwardHeaders {
  const h = req.headers;
  const out = stripHopByHop(h, stamp.dropAuthorization ? DROPPED_WITH_AUTHORIZATION : ALWAYS_DROPPED);
  const peer = req.socket.remoteAddress ?? 'unknown';
  const forwardedFor = h['x-forwarded-for'];
  out['x-forwarded-for'] =
    stamp.trustedPeer && typeof forwardedFor === 'string' ? `${forwardedFor}, ${peer}` : peer;
  const proto = h['x-forwarded-proto'];
  out['x-forwarded-proto'] = stamp.trustedPeer && typeof proto === 'string' ? proto : 'http';
  const fwdHost = h['x-forwarded-host'];
  if (stamp.trustedPeer && typeof fwdHost === 'string') out['x-forwarded-host'] = fwdHost;
  else if (h.host) out['x-forwarded-host'] = h.host;
  out['x-request-id'] = stamp.requestId;
  if (stamp.tenantId !== undefined) out['x-sightline-tenant'] = stamp.tenantId;
  out.traceparent = stamp.traceparent;
  return out;
}
