import express from 'express';
import type { Router } from 'express';
import type { Logger } from 'pino';
import type { CollectorMetrics } from '../collectorMetrics';
import { decodeTraceRequest } from '../otlp/decodeTraceRequest';
import { normaliseLogs } from '../otlp/normaliseLogs';
import { normaliseMetrics } from '../otlp/normaliseMetrics';
import { normaliseSpans } from '../otlp/normaliseSpans';
import type { Normalised, SignalBatch } from '../otlp/records';
import type { MemoryLimiter } from '../processors/memoryLimiter/MemoryLimiter';
import type { ApiKeyTenants } from '../processors/tenant/ApiKeyTenants';
import type { SignalPipeline } from '../pipeline/SignalPipeline';
import type { OtlpSignal } from './decodeOtlp';
import { decodeOtlp } from './decodeOtlp';
import { OtlpRequestError } from './OtlpRequestError';
import type { OtlpFormat } from './readOtlpBody';
import { formatOf, readOtlpBody } from './readOtlpBody';
import { writeOtlpError, writeOtlpSuccess } from './writeOtlpResponse';

const MEMORY_RETRY_AFTER_S = 1;

/** OtlpReceiverOptions configures otlpReceiverRoutes. */
export interface OtlpReceiverOptions {
  pipeline: SignalPipeline;
  limiter: MemoryLimiter;
  apiKeys: ApiKeyTenants;
  requireApiKey: boolean;
  metrics: CollectorMetrics;
  logger: Logger;
  maxBodyBytes: number;
}

/** otlpReceiverRoutes serves POST /v1/traces, /v1/logs and /v1/metrics (OTLP/HTTP, JSON or protobuf, optionally gzip). */
export function otlpReceiverRoutes(options: OtlpReceiverOptions): Router {
  const router = express.Router();
  for (const signal of ['traces', 'logs', 'metrics'] as const)
    router.post(`/v1/${signal}`, (req, res) => receive(signal, req, res, options));
  return router;
}

async function receive(
  signal: OtlpSignal,
  req: express.Request,
  res: express.Response,
  options: OtlpReceiverOptions,
): Promise<void> {
  const { pipeline, limiter, metrics, logger } = options;
  let format: OtlpFormat | null = null;
  let lease: { release(): void } | null = null;
  try {
    format = formatOf(req.headers['content-type']);
    const apiKeyTenant = authenticate(req, options);
    lease = limiter.tryAcquire(reservation(req, options.maxBodyBytes));
    if (lease === null)
      throw new OtlpRequestError(429, 'memory_limit', 'collector is at its memory limit; retry later', {
        retryAfterSeconds: MEMORY_RETRY_AFTER_S,
      });
    metrics.inFlightBytes.set(limiter.inFlightBytes);
    const body = await readOtlpBody(req, options.maxBodyBytes);
    const { batch, result } = normalise(signal, format, body);
    // Only the counts are kept past the await, so the received records can die young once processed.
    const accepted = result.records.length;
    const { rejected, firstError } = result;
    const outcome = await pipeline.consume(batch, { apiKeyTenant });
    if (outcome.kind === 'failure') {
      // OTLP clients retry a 503, which is what a database outage calls for.
      throw new OtlpRequestError(503, 'storage', 'storage is unavailable; retry later', {
        cause: new Error(outcome.reason),
        retryAfterSeconds: Math.max(1, Math.ceil((outcome.retryAfterMs ?? 1000) / 1000)),
      });
    }
    metrics.accepted.inc({ signal }, accepted);
    if (rejected > 0) metrics.refused.inc({ signal, reason: 'invalid_record' }, rejected);
    writeOtlpSuccess(res, signal, format, rejected, firstError);
  } catch (err) {
    const refusal =
      err instanceof OtlpRequestError
        ? err
        : new OtlpRequestError(500, 'internal', 'internal error', { cause: err });
    if (refusal.status >= 500) logger.warn({ err: refusal.cause ?? refusal, signal }, 'OTLP export refused');
    else logger.debug({ reason: refusal.message, signal }, 'OTLP export refused');
    metrics.refused.inc({ signal, reason: refusal.reason });
    writeOtlpError(res, format, refusal);
  } finally {
    lease?.release();
    metrics.inFlightBytes.set(limiter.inFlightBytes);
  }
}

function normalise(
  signal: OtlpSignal,
  format: OtlpFormat,
  body: Buffer,
): { batch: SignalBatch; result: Normalised<unknown> } {
  if (signal === 'traces') {
    // Protobuf spans, the bulk of what the collector receives, are read in one pass straight into records; anything
    // that single pass is not sure of (malformed bodies included) goes the generic way.
    const result =
      (format === 'protobuf' ? decodeTraceRequest(body) : null) ??
      normaliseSpans(decodeOtlp(signal, format, body));
    return { batch: { spans: result.records, logs: [], metrics: [] }, result };
  }
  const request = decodeOtlp(signal, format, body);
  if (signal === 'logs') {
    const result = normaliseLogs(request);
    return { batch: { spans: [], logs: result.records, metrics: [] }, result };
  }
  const result = normaliseMetrics(request);
  return { batch: { spans: [], logs: [], metrics: result.records }, result };
}

/** authenticate returns the tenant of the presented `x-api-key`; an unknown key (or a missing required one) is a 401. */
function authenticate(req: express.Request, options: OtlpReceiverOptions): string | null {
  const header = req.headers['x-api-key'];
  const key = Array.isArray(header) ? header[0] : header;
  if (key === undefined || key === '') {
    if (options.requireApiKey)
      throw new OtlpRequestError(401, 'unauthenticated', 'an x-api-key header is required');
    return null;
  }
  const tenant = options.apiKeys.tenantOf(key);
  if (tenant === null) throw new OtlpRequestError(401, 'unauthenticated', 'unknown collector API key');
  return tenant;
}

/** reservation is what a request may come to hold in memory: its declared size, or the limit when unknown or gzip. */
function reservation(req: express.Request, maxBodyBytes: number): number {
  const declared = Number(req.headers['content-length']);
  const gzip = (req.headers['content-encoding'] ?? '').trim().toLowerCase() === 'gzip';
  return !gzip && Number.isFinite(declared) && declared >= 0
    ? Math.min(declared, maxBodyBytes)
    : maxBodyBytes;
}
