import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Tracer } from '@opentelemetry/api';
import { SpanKind, SpanStatusCode, context, propagation, trace } from '@opentelemetry/api';
import type { Logger } from 'pino';
import { TenantId } from '@sightline/contracts';
import { sendProblem } from '@sightline/http';
import { redactText, withTenant } from '@sightline/telemetry';
import { DEFAULT_KNOBS, Knobs } from './Knobs';
import { BodyError, readJsonBody } from './readJsonBody';

/** DemoHandlerDeps are what the demo upstream's request handler needs. */
export interface DemoHandlerDeps {
  tracer: Tracer;
  logger: Logger;
  knobs: Map<string, Knobs>;
  /** Delays a response; the server cancels pending delays when it closes. */
  delay: (ms: number) => Promise<void>;
  random?: () => number;
}

const KNOB_PATH = /^\/_demo\/knobs\/([^/?]*)$/;
const MAX_KNOB_BODY = 4 * 1024;

/**
 * createDemoHandler serves the knob API under /_demo/knobs and answers every other path with a small JSON
 * body, after the calling tenant's latency and failing its share of requests, inside a SERVER span that
 * continues the caller's traceparent.
 */
export function createDemoHandler(
  deps: DemoHandlerDeps,
): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    if (path === '/_demo/knobs' || path.startsWith('/_demo/knobs/')) {
      handleKnobs(deps, req, res, path).catch((err: unknown) => {
        deps.logger.error({ err }, 'knob request failed');
        sendProblem(res, 500, 'Internal Server Error', 'internal error');
      });
      return;
    }
    void serve(deps, req, res, path);
  };
}

function json(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

async function handleKnobs(
  deps: DemoHandlerDeps,
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
): Promise<void> {
  if (path === '/_demo/knobs') {
    if (req.method !== 'GET') return sendProblem(res, 405, 'Method Not Allowed', 'use GET', { allow: 'GET' });
    return json(res, 200, Object.fromEntries(deps.knobs));
  }
  const m = KNOB_PATH.exec(path);
  const tenant = TenantId.safeParse(decodeSafely(m?.[1] ?? ''));
  if (!tenant.success) return sendProblem(res, 400, 'Bad Request', 'tenant must be 1-63 of [a-z0-9_-]');
  if (req.method === 'DELETE') {
    deps.knobs.delete(tenant.data);
    res.writeHead(204).end();
    return;
  }
  if (req.method !== 'PUT')
    return sendProblem(res, 405, 'Method Not Allowed', 'use PUT or DELETE', { allow: 'PUT, DELETE' });
  let body: unknown;
  try {
    body = await readJsonBody(req, MAX_KNOB_BODY);
  } catch (err) {
    if (err instanceof BodyError) {
      return sendProblem(
        res,
        err.status,
        err.status === 413
          ? 'Payload Too Large'
          : err.status === 415
            ? 'Unsupported Media Type'
            : 'Bad Request',
        err.message,
        { connection: 'close' },
      );
    }
    throw err;
  }
  const knobs = Knobs.safeParse(body);
  if (!knobs.success) {
    const issue = knobs.error.issues[0]!;
    return sendProblem(res, 400, 'Bad Request', `${issue.path.join('.') || 'body'}: ${issue.message}`);
  }
  deps.knobs.set(tenant.data, knobs.data);
  deps.logger.info({ tenant: tenant.data, ...knobs.data }, 'knobs changed');
  json(res, 200, { tenant: tenant.data, ...knobs.data });
}

function decodeSafely(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return '';
  }
}

async function serve(
  deps: DemoHandlerDeps,
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
): Promise<void> {
  const parent = propagation.extract(context.active(), req.headers);
  const header = req.headers['x-sightline-tenant'];
  const tenant = typeof header === 'string' && TenantId.safeParse(header).success ? header : undefined;
  const span = deps.tracer.startSpan(
    'demo.Upstream.handle',
    {
      kind: SpanKind.SERVER,
      attributes: {
        'http.request.method': req.method ?? 'GET',
        'url.path': path,
        ...(tenant ? { 'tenant.id': tenant } : {}),
      },
    },
    parent,
  );
  let ctx = trace.setSpan(parent, span);
  if (tenant) ctx = withTenant(tenant, ctx);
  const started = Date.now();
  const knobs = (tenant && deps.knobs.get(tenant)) || DEFAULT_KNOBS;
  // A few ms of jitter keeps latency percentiles from collapsing onto one value in the demo.
  await deps.delay(knobs.latencyMs + Math.floor((deps.random ?? Math.random)() * 5));
  // The body is drained so a POST does not stall the keep-alive connection.
  req.resume();
  const fail = knobs.errorRate > 0 && (deps.random ?? Math.random)() < knobs.errorRate;
  const status = fail ? 500 : 200;
  if (!res.destroyed) {
    json(
      res,
      status,
      fail
        ? { error: 'injected failure', tenant: tenant ?? null }
        : { ok: true, tenant: tenant ?? null, path, method: req.method },
    );
  }
  span.setAttribute('http.response.status_code', status);
  if (fail) span.setStatus({ code: SpanStatusCode.ERROR, message: 'injected failure' });
  context.with(ctx, () => {
    const line = { status, durationMs: Date.now() - started, method: req.method, route: redactText(path) };
    if (fail) deps.logger.error(line, 'demo request failed (injected)');
    else deps.logger.info(line, 'demo request served');
  });
  span.end();
}
