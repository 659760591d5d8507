import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { SpanKind, SpanStatusCode, context } from '@opentelemetry/api';
import type { Route } from '../routes/RouteTable';
import { BodyTooLargeError } from './BodyTooLargeError';
import { classifyUpstreamError } from './classifyUpstreamError';
import type { ProxyDeps, RequestState } from './createProxyHandler';
import { formatTraceparent } from './formatTraceparent';
import { limitedBody } from './limitedBody';
import { stagedHeadersOf } from './stagedHeaders';
import { stripHopByHop } from './stripHopByHop';
import { upstreamRequestHeaders } from './upstreamRequestHeaders';
import { writeProblem } from './writeProblem';

/** ForwardOptions say how the credential and forwarding headers are treated. */
export interface ForwardOptions {
  dropAuthorization: boolean;
  trustedPeer: boolean;
}

/**
 * forwardRequest streams the request to the route's upstream pool and the response back, under a CLIENT span:
 * too slow → 504, refused or reset → 502, a chunked body over the route's limit → 413 (all problem+json).
 */
export async function forwardRequest(
  deps: ProxyDeps,
  req: IncomingMessage,
  res: ServerResponse,
  state: RequestState,
  route: Route,
  options: ForwardOptions,
): Promise<void> {
  const url = req.url!;
  const target = route.stripPrefix ? url.slice(route.prefix.length) || '/' : url;
  const upstreamPath = target.charCodeAt(0) === 63 ? `/${target}` : target;
  // Internal contracts are never public, whatever the route table says.
  if (upstreamPath.startsWith('/internal/') || upstreamPath === '/internal') {
    writeProblem(res, 404, 'Not Found', 'no route for this path');
    return;
  }
  const span = deps.tracer.startSpan(
    'gateway.Upstream.request',
    {
      kind: SpanKind.CLIENT,
      attributes: {
        'http.request.method': req.method ?? 'GET',
        'url.path': state.path,
        ...(state.tenant === undefined ? {} : { 'tenant.id': state.tenant }),
      },
    },
    state.ctx,
  );
  const headers = upstreamRequestHeaders(req, {
    requestId: String(req.headers['x-request-id']),
    tenantId: state.tenant,
    traceparent: formatTraceparent(span.spanContext()),
    dropAuthorization: options.dropAuthorization,
    trustedPeer: options.trustedPeer,
  });
  const chunked = req.headers['transfer-encoding'] !== undefined;
  const hasBody = chunked || (req.headers['content-length'] ?? '0') !== '0';
  try {
    await route.pool.stream(
      {
        path: upstreamPath,
        method: (req.method ?? 'GET') as 'GET',
        headers,
        body: hasBody ? (chunked ? Readable.from(limitedBody(req, route.maxBodyBytes)) : req) : null,
        signal: res,
        headersTimeout: deps.upstreamTimeoutMs,
        bodyTimeout: deps.upstreamTimeoutMs,
      },
      ({ statusCode, headers: upstreamHeaders }) => {
        span.setAttribute('http.response.status_code', statusCode);
        if (statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR, message: `HTTP ${statusCode}` });
        // One plain object to writeHead (no setHeader before it) keeps Node on its fast header path.
        res.writeHead(statusCode, stripHopByHop(upstreamHeaders, undefined, stagedHeadersOf(res)));
        return res;
      },
    );
  } catch (err) {
    span.recordException(err as Error);
    span.setStatus({ code: SpanStatusCode.ERROR, message: (err as Error).message });
    if (state.aborted) return;
    if (res.headersSent) {
      context.with(state.ctx, () => deps.logger.warn({ err }, 'upstream response broke off mid-body'));
      res.destroy();
      return;
    }
    if (isBodyTooLarge(err)) {
      res.setHeader('connection', 'close');
      writeProblem(res, 413, 'Payload Too Large', `request body exceeds ${route.maxBodyBytes} bytes`);
      return;
    }
    const failure = classifyUpstreamError(err, deps.upstreamTimeoutMs);
    context.with(state.ctx, () =>
      deps.logger.warn(
        { reason: failure.reason, status: failure.status, route: route.name },
        'upstream request failed',
      ),
    );
    writeProblem(res, failure.status, failure.title, failure.detail);
  } finally {
    span.end();
  }
}

function isBodyTooLarge(err: unknown): boolean {
  let e: unknown = err;
  for (let depth = 0; depth < 4 && e; depth++) {
    if (e instanceof BodyTooLargeError) return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}
