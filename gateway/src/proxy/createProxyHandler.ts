import { ipLimitKey } from '../net/ipLimitKey';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import type { Context, Link, Span, Tracer } from '@opentelemetry/api';
import { ROOT_CONTEXT, SpanKind, SpanStatusCode, context, trace } from '@opentelemetry/api';
import type { Logger } from 'pino';
import { PLATFORM_TENANT } from '@sightline/contracts';
import { withTenant } from '@sightline/telemetry';
import type { ApiKeyVerifier } from '../auth/ApiKeyVerifier';
import type { JwtAuthenticator } from '../auth/JwtAuthenticator';
import { extractCredential } from '../auth/extractCredential';
import type { LimitCheck } from '../limiter/LimitCheck';
import type { LimiterStore } from '../limiter/LimiterStore';
import type { PolicyInfo } from '../limiter/rateLimitHeaders';
import { rateLimitFields } from '../limiter/rateLimitHeaders';
import type { LimitConfigStore } from '../limits/LimitConfigStore';
import type { MetricChildren } from '../metrics/MetricChildren';
import type { SliExporter } from '../metrics/SliExporter';
import type { IpMatcher } from '../net/IpMatcher';
import { clientIpOf } from '../net/clientIpOf';
import type { Route, RouteTable } from '../routes/RouteTable';
import { throttle } from '@sightline/telemetry';
import { AccessLog } from './AccessLog';
import type { AccessLogOptions } from './AccessLog';
import { forwardRequest } from './forwardRequest';
import { isUnsafePath } from './isUnsafePath';
import type { LimitHitLog } from './LimitHitLog';
import { parseTraceparent } from './parseTraceparent';
import { requestIdFrom } from './requestIdFrom';
import type { StagedHeaders } from './stagedHeaders';
import { stageHeaders } from './stagedHeaders';
import { writeProblem } from './writeProblem';

/** ProxyDeps are what the proxy handler needs; startGateway wires them. */
export interface ProxyDeps {
  routes: RouteTable;
  upstreamTimeoutMs: number;
  verifier: ApiKeyVerifier;
  jwt: JwtAuthenticator;
  config: LimitConfigStore;
  limiter: LimiterStore;
  trustedProxies: IpMatcher;
  tracer: Tracer;
  logger: Logger;
  metrics: MetricChildren;
  limitHits: LimitHitLog;
  /** The SLI metrics sent to the collector (ADR 0009); absent without an OTLP endpoint or with SLI_METRICS=false. */
  sli?: SliExporter | undefined;
  /** Which requests the access log writes a line for (ACCESS_LOG), and how it samples. */
  accessLog: AccessLogOptions;
  onLimiterError: (err: Error) => void;
}

/** RequestState is what one request carries from its start to its end. */
export interface RequestState {
  ctx: Context;
  span: Span;
  tenant: string | undefined;
  route: Route | undefined;
  path: string;
  started: number;
  /** The gateway's own response headers (x-request-id, RateLimit fields), added to whatever answer is sent. */
  headers: StagedHeaders;
  /** The client left before the response was complete. */
  aborted: boolean;
}

const WWW_AUTHENTICATE = { 'www-authenticate': 'Bearer' };

/**
 * createProxyHandler returns the hot-path request listener: route, authenticate (API key or access JWT),
 * resolve the tenant, apply every limit in one limiter call and stream the exchange to the route's upstream,
 * with one SERVER span per request whatever happens.
 */
export function createProxyHandler(deps: ProxyDeps): (req: IncomingMessage, res: ServerResponse) => void {
  const onAuthUnavailable = throttle(10_000, (err: Error, suppressed) =>
    deps.logger.warn({ err, suppressed }, 'credential check failed: auth unavailable'),
  );
  const accessLog = deps.accessLog.mode === 'off' ? undefined : new AccessLog(deps.logger, deps.accessLog);
  // The request's context is made active around every log line and call that reads it, after each await too: the
  // gateway tracks contexts synchronously only (ADR 0016), so nothing reaches a continuation by itself.
  return (req, res) => {
    const state = begin(deps, accessLog, req, res);
    context.with(state.ctx, () => {
      handle(deps, onAuthUnavailable, req, res, state).catch((err: unknown) => {
        // Defensive: every expected failure is answered inside handle; this keeps a bug from hanging a client.
        context.with(state.ctx, () => deps.logger.error({ err }, 'proxy handler failed'));
        writeProblem(res, 500, 'Internal Server Error', 'internal error');
      });
    });
  };
}

function begin(
  deps: ProxyDeps,
  accessLog: AccessLog | undefined,
  req: IncomingMessage,
  res: ServerResponse,
): RequestState {
  const url = req.url ?? '/';
  const q = url.indexOf('?');
  const path = q === -1 ? url : url.slice(0, q);
  const incoming =
    req.headers.traceparent === undefined ? undefined : parseTraceparent(req.headers.traceparent);
  // The gateway is the edge: a client's traceparent is linked, never trusted as parent, so a client cannot
  // switch sampling off for its own requests and drop out of the SLIs that are computed from these spans.
  const links: Link[] | undefined = incoming ? [{ context: incoming }] : undefined;
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
  const requestId = requestIdFrom(req.headers);
  req.headers['x-request-id'] = requestId;
  const state: RequestState = {
    ctx: trace.setSpan(ROOT_CONTEXT, span),
    span,
    tenant: undefined,
    route: undefined,
    path,
    started: performance.now(),
    headers: stageHeaders(res, { 'x-request-id': requestId }),
    aborted: false,
  };
  // A ServerResponse always emits 'close', after 'finish' when it completed: one listener covers both ends.
  res.on('close', () => {
    finish(deps, accessLog, req, res, state);
    if (!res.writableFinished) {
      state.aborted = true;
      // undici accepts any EventEmitter as its abort signal (forwardRequest passes res): this stops the upstream
      // exchange without an AbortController per request.
      res.emit('abort');
    }
  });
  return state;
}

function finish(
  deps: ProxyDeps,
  accessLog: AccessLog | undefined,
  req: IncomingMessage,
  res: ServerResponse,
  state: RequestState,
): void {
  // A client that left before any response is recorded as 499, the usual "client closed request".
  const status = res.headersSent ? res.statusCode : 499;
  const seconds = (performance.now() - state.started) / 1000;
  const span = state.span;
  span.setAttribute('http.response.status_code', status);
  if (status >= 500) span.setStatus({ code: SpanStatusCode.ERROR, message: `HTTP ${status}` });
  if (res.headersSent && !res.writableFinished) span.addEvent('response aborted before it was complete');
  span.end();
  const tenant = state.tenant ?? PLATFORM_TENANT;
  const route = state.route?.name ?? 'none';
  deps.metrics.request(tenant, route, status, seconds);
  if (state.tenant !== undefined) deps.sli?.record(state.tenant, status, seconds * 1000);
  if (accessLog) {
    const requestId = req.headers['x-request-id'];
    accessLog.record({
      status,
      durationMs: Math.round(seconds * 10_000) / 10,
      method: req.method,
      route: state.path,
      requestId: typeof requestId === 'string' ? requestId : undefined,
      span,
      tenant: state.tenant,
      ctx: state.ctx,
    });
  }
}

async function handle(
  deps: ProxyDeps,
  onAuthUnavailable: (err: Error) => void,
  req: IncomingMessage,
  res: ServerResponse,
  state: RequestState,
): Promise<void> {
  const span = state.span;
  // Node takes a request line without a version for HTTP/0.9 and still reads the lines after it as headers, so a
  // CR LF smuggled into a target would otherwise start a header block the client never meant.
  if (req.httpVersionMajor !== 1) {
    writeProblem(res, 400, 'Bad Request', 'only HTTP/1.0 and HTTP/1.1 are served', { connection: 'close' });
    return;
  }
  if (!req.url?.startsWith('/')) {
    writeProblem(res, 400, 'Bad Request', 'request target must be an absolute path');
    return;
  }
  if (isUnsafePath(state.path)) {
    writeProblem(res, 400, 'Bad Request', 'path must not contain dot segments or encoded slashes');
    return;
  }
  const route = deps.routes.match(state.path);
  if (!route) {
    writeProblem(res, 404, 'Not Found', 'no route for this path');
    return;
  }
  state.route = route;
  const length = req.headers['content-length'];
  if (length !== undefined && Number(length) > route.maxBodyBytes) {
    res.setHeader('connection', 'close');
    writeProblem(res, 413, 'Payload Too Large', `request body exceeds ${route.maxBodyBytes} bytes`);
    return;
  }
  const snapshot = deps.config.current();
  const peer = req.socket.remoteAddress;
  const clientIp = clientIpOf(peer, req.headers['x-forwarded-for'], deps.trustedProxies);
  const ua = req.headers['user-agent'];
  const bypass =
    snapshot.allowCidrs.matches(clientIp) ||
    (ua !== undefined &&
      snapshot.allowAgents.length > 0 &&
      snapshot.allowAgents.some((p) => ua.startsWith(p)));

  let check: LimitCheck;
  let policies: PolicyInfo[];
  let policyHeader: string;
  let shadow = false;
  let dropAuthorization = false;
  if (route.credentials) {
    const credential = extractCredential(req.headers);
    if (!credential) {
      writeProblem(
        res,
        401,
        'Unauthorized',
        'missing credentials: send x-api-key, Authorization: Bearer <API key> or Authorization: Bearer <access token>',
        { ...WWW_AUTHENTICATE },
      );
      return;
    }
    let tenantId: string;
    if (credential.kind === 'api-key') {
      const verification = await deps.verifier.verify(credential.key);
      if (verification.kind === 'unavailable') {
        context.with(state.ctx, () => onAuthUnavailable(verification.error));
        writeProblem(res, 503, 'Service Unavailable', 'cannot verify the API key right now', {
          'retry-after': 1,
        });
        return;
      }
      if (verification.kind === 'invalid') {
        writeProblem(res, 401, 'Unauthorized', 'unknown API key', { ...WWW_AUTHENTICATE });
        return;
      }
      tenantId = verification.tenantId;
      dropAuthorization = credential.source === 'authorization';
    } else {
      const verification = await deps.jwt.verify(credential.token);
      if (verification.kind === 'unavailable') {
        context.with(state.ctx, () => onAuthUnavailable(verification.error));
        writeProblem(res, 503, 'Service Unavailable', 'cannot verify the access token right now', {
          'retry-after': 1,
        });
        return;
      }
      if (verification.kind === 'invalid') {
        writeProblem(res, 401, 'Unauthorized', verification.reason, { ...WWW_AUTHENTICATE });
        return;
      }
      if (verification.principal.tenant === null) {
        writeProblem(res, 403, 'Forbidden', 'this access token belongs to no tenant; tenant routes need one');
        return;
      }
      tenantId = verification.principal.tenant;
    }
    const entry = snapshot.tenants.get(tenantId);
    if (!entry) {
      context.with(state.ctx, () =>
        deps.logger.warn(
          { credentialTenant: tenantId },
          'credential names a tenant the gateway does not know',
        ),
      );
      writeProblem(res, 403, 'Forbidden', 'this credential belongs to no active tenant');
      return;
    }
    state.tenant = tenantId;
    state.ctx = withTenant(tenantId, state.ctx);
    span.setAttribute('tenant.id', tenantId);
    const plan = entry.plans.get(route.endpointClass)!;
    check = plan.check;
    policies = plan.policies;
    policyHeader = plan.policyHeader;
    shadow = entry.tenant.shadow;
  } else {
    const plan = snapshot.ipPlans.get(route.endpointClass)!;
    // IPv6 clients are counted by their /64, so rotating addresses inside one's own prefix does not dodge the limit.
    const tag = `{ip:${ipLimitKey(clientIp)}}`;
    check = { keys: plan.suffixes.map((s) => tag + s), limits: plan.limits, windowsMs: plan.windowsMs };
    policies = plan.policies;
    policyHeader = plan.policyHeader;
  }

  const decision =
    check.keys.length === 0
      ? undefined
      : await context.with(state.ctx, () => deps.limiter.hit(check, bypass));
  const tenantLabel = state.tenant ?? PLATFORM_TENANT;
  if (decision?.kind === 'decided') {
    const chosen = policies[decision.index]!;
    const label = bypass ? 'bypassed' : decision.allowed ? 'allowed' : shadow ? 'shadow' : 'limited';
    span.setAttribute('sightline.ratelimit.decision', label);
    span.setAttribute('sightline.ratelimit.policy', chosen.name);
    span.setAttribute('sightline.ratelimit.limit', chosen.limit);
    span.setAttribute('sightline.ratelimit.remaining', decision.remaining);
    deps.metrics.decision(tenantLabel, label, chosen.type);
    if (state.tenant !== undefined) deps.metrics.usage(state.tenant, decision.usage);
    const fields = rateLimitFields(decision, policies, policyHeader)!;
    state.headers['ratelimit-policy'] = fields.policy;
    state.headers.ratelimit = fields.rateLimit;
    if (label === 'limited' || label === 'shadow') {
      context.with(state.ctx, () =>
        deps.limitHits.record({
          tenant: tenantLabel,
          endpointClass: route.endpointClass,
          limitType: chosen.type,
          policy: chosen.name,
          limit: chosen.limit,
          decision: label,
          ...(state.tenant === undefined ? { clientIp } : {}),
        }),
      );
    }
    if (label === 'limited') {
      writeProblem(
        res,
        429,
        'Too Many Requests',
        `over the ${chosen.name} limit of ${chosen.limit} requests per ${chosen.windowSeconds} s`,
        { 'retry-after': fields.retryAfter! },
        {
          limit: chosen.name,
          limitType: chosen.type,
          quota: chosen.limit,
          windowSeconds: chosen.windowSeconds,
        },
      );
      return;
    }
  } else if (decision?.kind === 'error') {
    // Only a store without a fallback gets here; the request passes rather than failing on the limiter.
    context.with(state.ctx, () => deps.onLimiterError(decision.error));
    span.setAttribute('sightline.ratelimit.decision', 'allowed');
    deps.metrics.decision(tenantLabel, 'allowed', 'none');
  } else {
    // No limit applies to the route, or LIMITER_ENABLED=false turned rate limiting off.
    span.setAttribute('sightline.ratelimit.decision', decision?.kind === 'disabled' ? 'disabled' : 'allowed');
  }
  await context.with(state.ctx, () =>
    forwardRequest(deps, req, res, state, route, {
      dropAuthorization,
      trustedPeer: deps.trustedProxies.size > 0 && peer !== undefined && deps.trustedProxies.matches(peer),
    }),
  );
}
