import type { IncomingMessage } from 'node:http';
import type { ForwardHeaders } from './stripHopByHop';
import { stripHopByHop } from './stripHopByHop';

/** UpstreamStamp is what the gateway adds to every forwarded request. */
export interface UpstreamStamp {
  requestId: string;
  tenantId: string;
  traceparent: string;
  /** The API key came in Authorization, so that header is the gateway's and not the upstream's. */
  dropAuthorization: boolean;
}

/**
 * upstreamRequestHeaders builds the forwarded request's headers: hop-by-hop fields and the tenant's API key
 * removed, client-supplied tenant and trace headers replaced by the gateway's own, X-Forwarded-* appended.
 */
export function upstreamRequestHeaders(req: IncomingMessage, stamp: UpstreamStamp): ForwardHeaders {
  const out = stripHopByHop(req.headers);
  delete out.host;
  delete out.expect;
  delete out['x-api-key'];
  delete out.tracestate;
  if (stamp.dropAuthorization) delete out.authorization;
  const forwardedFor = req.headers['x-forwarded-for'];
  const peer = req.socket.remoteAddress ?? 'unknown';
  out['x-forwarded-for'] = typeof forwardedFor === 'string' ? `${forwardedFor}, ${peer}` : peer;
  out['x-forwarded-proto'] = 'http';
  if (req.headers.host) out['x-forwarded-host'] = req.headers.host;
  out['x-request-id'] = stamp.requestId;
  out['x-sightline-tenant'] = stamp.tenantId;
  out.traceparent = stamp.traceparent;
  return out;
}
