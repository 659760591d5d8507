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

/**
 * upstreamRequestHeaders builds the forwarded request's headers: hop-by-hop fields and the tenant's API key
 * removed, client-supplied tenant and trace headers replaced by the gateway's own, X-Forwarded-For extended
 * only when the peer is a trusted proxy (an untrusted peer's header is replaced, never passed on).
 */
export function upstreamRequestHeaders(req: IncomingMessage, stamp: UpstreamStamp): ForwardHeaders {
  const out = stripHopByHop(req.headers);
  delete out.host;
  delete out.expect;
  delete out['x-api-key'];
  delete out.tracestate;
  delete out['x-sightline-tenant'];
  if (stamp.dropAuthorization) delete out.authorization;
  const peer = req.socket.remoteAddress ?? 'unknown';
  const forwardedFor = req.headers['x-forwarded-for'];
  out['x-forwarded-for'] =
    stamp.trustedPeer && typeof forwardedFor === 'string' ? `${forwardedFor}, ${peer}` : peer;
  if (!stamp.trustedPeer || out['x-forwarded-proto'] === undefined) out['x-forwarded-proto'] = 'http';
  if (!stamp.trustedPeer) delete out['x-forwarded-host'];
  if (req.headers.host && out['x-forwarded-host'] === undefined) out['x-forwarded-host'] = req.headers.host;
  out['x-request-id'] = stamp.requestId;
  if (stamp.tenantId !== undefined) out['x-sightline-tenant'] = stamp.tenantId;
  out.traceparent = stamp.traceparent;
  return out;
}
