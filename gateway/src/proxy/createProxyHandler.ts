import type { IncomingMessage, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import type { Context, Link, Span, Tracer } from '@opentelemetry/api';
import { ROOT_CONTEXT, SpanKind, SpanStatusCode, context, trace } from '@opentelemetry/api';
import type { Logger } from 'pino';
import type { Pool } from 'undici';
import { PLATFORM_TENANT } from '@sightline/contracts';
import { sendProblem } from '@sightline/http';
import { withTenant } from '@sightline/telemetry';
import type { ApiKeyVerifier } from '../auth/ApiKeyVerifier';
import { extractApiKey } from '../auth/extractApiKey';
import type { LimiterStore } from '../limiter/LimiterStore';
import { rateLimitHeaders } from '../limiter/rateLimitHeaders';
import type { GatewayMetrics } from '../metrics/createGatewayMetrics';
import type { TenantCache } from '../tenants/TenantCache';
import { classifyUpstreamError } from './classifyUpstreamError';
import { formatTraceparent } from './formatTraceparent';
import { parseTraceparent } from './parseTraceparent';
import { requestIdFrom } from './requestIdFrom';
import { throttle } from '../throttle';
import { stripHopByHop } from './stripHopByHop';
import { upstreamRequestHeaders } from './upstreamRequestHeaders';

/** ProxyDeps are what the proxy handler needs; startGateway wires them. */
export interface ProxyDeps {
  upstream: Pool;
  upstreamTimeoutMs: number;
  verifier: ApiKeyVerifier;
  tenants: TenantCache;
  limiter: LimiterStore;
  tracer: Tracer;
  logger: Logger;
  metrics: GatewayMetrics;
  accessLog: boolean;
  onLimiterError: (err: Error) => void;
}

const WINDOW_MS = 1_000;

interface RequestState {
  ctx: Context;
  tenant: string | undefined;
  path: string;
  started: number;
}

/**
 * createProxyHandler returns the hot-path request listener: authenticate the API key, resolve the tenant,
 * apply its limit and stream the exchange to the upstream, with one SERVER span per request whatever happens.
 */
export function createProxyHandler(deps: ProxyDeps): (req: IncomingMessage, res: ServerResponse) => void {
  const onAuthUnavailable = throttle(10_000, (err: Error, suppressed) =>
    deps.logger.warn({ err, suppressed }, 'API key check failed: auth unavailable'),
  );
  return (req, res) => {
    const state = begin(deps, req, res);
    context.with(state.ctx, () => {
      handle(deps, onAuthUnavailable, req, res, state).catch((err: unknown) => {
        // Defensive: every expected failure is answered inside handle; this keeps a bug from hanging a client.
        context.with(state.ctx, () => deps.logger.error({ err }, 'proxy handler failed'));
        sendProblem(res, 500, 'Internal Server Error', 'internal error');
      });
    });
  };
}

function begin(deps: ProxyDeps, req: IncomingMessage, res: ServerResponse): RequestState {
  const url = req.url ?? '/';
  const q = url.indexOf('?');
  const path = q === -1 ? url : url.slice(0, q);
  const incoming = parseTraceparent(req.headers.traceparent);
  // The gateway is the edge: a client's traceparent is linked, never trusted as parent, so a client cannot
  // switch sampling off for its own requests and drop out of the SLIs that are computed from these spans.
  const links: Link[] = incoming ? [{ context: incoming }] : [];
  const span = deps.tracer.startSpan(
    'gateway.Proxy.handle',
    {
      kind: SpanKind.SERVER,
      root: true,
      links,
      attributes: { 'http.request.method': req.method ?? 'GET', 'url.path': path },
    },
    ROOT_CONTEXT,
  );
  const state: RequestState = {
    ctx: trace.setSpan(ROOT_CONTEXT, span),
    tenant: undefined,
    path,
    started: performance.now(),
  };
  const requestId = requestIdFrom(req.headers);
  req.headers['x-request-id'] = requestId;
  res.setHeader('x-request-id', requestId);
  let ended = false;
  const end = () => {
    if (ended) return;
    ended = true;
    finish(deps, req, res, state, span);
  };
  res.once('finish', end);
  res.once('close', end);
  return state;
}

function finish(
  deps: ProxyDeps,
  req: IncomingMessage,
  res: ServerResponse,
  state: RequestState,
  span: Span,
): void {
  // A client that left before any response is recorded as 499, the usual "client closed request".
  const status = res.headersSent ? res.statusCode : 499;
  const seconds = (performance.now() - state.started) / 1000;
  span.setAttribute('http.response.status_code', status);
  if (status >= 500) span.setStatus({ code: SpanStatusCode.ERROR, message: `HTTP ${status}` });
  if (res.headersSent && !res.writableFinished) span.addEvent('response aborted before it was complete');
  span.end();
  const tenant = state.tenant ?? PLATFORM_TENANT;
  deps.metrics.requests.inc({ tenant, code: String(status) });
  deps.metrics.duration.observe({ tenant }, seconds);
  if (deps.accessLog) {
    context.with(state.ctx, () =>
      deps.logger.info(
        {
          status,
          durationMs: Math.round(seconds * 10_000) / 10,
          method: req.method,
          route: state.path,
          requestId: req.headers['x-request-id'],
        },
        'request completed',
      ),
    );
  }
}

async function handle(
  deps: ProxyDeps,
  onAuthUnavailable: (err: Error) => void,
  req: IncomingMessage,
  res: ServerResponse,
  state: RequestState,
): Promise<void> {
  const span = trace.getSpan(state.ctx)!;
  if (!req.url?.startsWith('/')) {
    sendProblem(res, 400, 'Bad Request', 'request target must be an absolute path');
    return;
  }
  const extracted = extractApiKey(req.headers);
  if (!extracted) {
    sendProblem(res, 401, 'Unauthorized', 'missing API key: send x-api-key or Authorization: Bearer <key>', {
      'www-authenticate': 'Bearer',
    });
    return;
  }
  const verification = await deps.verifier.verify(extracted.key);
  if (verification.kind === 'unavailable') {
    onAuthUnavailable(verification.error);
    sendProblem(res, 503, 'Service Unavailable', 'cannot verify the API key right now', { 'retry-after': 1 });
    return;
  }
  if (verification.kind === 'invalid') {
    sendProblem(res, 401, 'Unauthorized', 'unknown API key', { 'www-authenticate': 'Bearer' });
    return;
  }
  const tenant = deps.tenants.get(verification.tenantId);
  if (!tenant) {
    deps.logger.warn(
      { keyTenant: verification.tenantId, keyId: verification.keyId },
      'API key names a tenant the gateway does not know',
    );
    sendProblem(res, 403, 'Forbidden', 'this API key belongs to no active tenant');
    return;
  }
  state.tenant = tenant.id;
  state.ctx = withTenant(tenant.id, state.ctx);
  span.setAttribute('tenant.id', tenant.id);

  const decision = await deps.limiter.hit(tenant.id, tenant.requestsPerSecond, WINDOW_MS);
  const limited = decision.kind === 'limited';
  if (decision.kind === 'error') {
    deps.metrics.limiterErrors.inc();
    context.with(state.ctx, () => deps.onLimiterError(decision.error));
  }
  span.setAttribute('sightline.ratelimit.decision', limited ? 'limited' : 'allowed');
  deps.metrics.decisions.inc({ tenant: tenant.id, decision: limited ? 'limited' : 'allowed' });
  const limitHeaders = rateLimitHeaders(decision, WINDOW_MS / 1000);
  if (limited) {
    sendProblem(
      res,
      429,
      'Too Many Requests',
      `over the limit of ${decision.limit} requests per second`,
      limitHeaders,
    );
    return;
  }
  await context.with(state.ctx, () =>
    forward(deps, req, res, state, extracted.source === 'authorization', limitHeaders),
  );
}

async function forward(
  deps: ProxyDeps,
  req: IncomingMessage,
  res: ServerResponse,
  state: RequestState,
  dropAuthorization: boolean,
  limitHeaders: Record<string, string>,
): Promise<void> {
  const span = deps.tracer.startSpan(
    'gateway.Upstream.request',
    {
      kind: SpanKind.CLIENT,
      attributes: {
        'http.request.method': req.method ?? 'GET',
        'url.path': state.path,
        'tenant.id': state.tenant,
      },
    },
    state.ctx,
  );
  const headers = upstreamRequestHeaders(req, {
    requestId: String(req.headers['x-request-id']),
    tenantId: state.tenant!,
    traceparent: formatTraceparent(span.spanContext()),
    dropAuthorization,
  });
  const hasBody =
    req.headers['transfer-encoding'] !== undefined || (req.headers['content-length'] ?? '0') !== '0';
  const abort = new AbortController();
  const onClose = () => {
    if (!res.writableFinished) abort.abort();
  };
  res.once('close', onClose);
  try {
    await deps.upstream.stream(
      {
        path: req.url!,
        method: (req.method ?? 'GET') as 'GET',
        headers,
        body: hasBody ? req : null,
        signal: abort.signal,
        headersTimeout: deps.upstreamTimeoutMs,
        bodyTimeout: deps.upstreamTimeoutMs,
      },
      ({ statusCode, headers: upstreamHeaders }) => {
        span.setAttribute('http.response.status_code', statusCode);
        if (statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR, message: `HTTP ${statusCode}` });
        res.writeHead(statusCode, { ...stripHopByHop(upstreamHeaders), ...limitHeaders });
        return res;
      },
    );
  } catch (err) {
    span.recordException(err as Error);
    span.setStatus({ code: SpanStatusCode.ERROR, message: (err as Error).message });
    if (abort.signal.aborted) return;
    if (res.headersSent) {
      deps.logger.warn({ err }, 'upstream response broke off mid-body');
      res.destroy();
      return;
    }
    const failure = classifyUpstreamError(err, deps.upstreamTimeoutMs);
    deps.logger.warn({ reason: failure.reason, status: failure.status }, 'upstream request failed');
    sendProblem(res, failure.status, failure.title, failure.detail, limitHeaders);
  } finally {
    res.off('close', onClose);
    span.end();
  }
}
