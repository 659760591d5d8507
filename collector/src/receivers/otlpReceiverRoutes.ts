import express from 'express';
import type { Router } from 'express';
import type { Logger } from 'pino';
import type { CollectorMetrics } from '../collectorMetrics';
import { normaliseLogs } from '../otlp/normaliseLogs';
import { normaliseSpans } from '../otlp/normaliseSpans';
import type { Normalised } from '../otlp/records';
import type { RollupAccumulator } from '../processors/RollupAccumulator';
import type { CollectorStore } from '../store/CollectorStore';
import type { OtlpSignal } from './decodeOtlp';
import { decodeOtlp } from './decodeOtlp';
import { OtlpRequestError } from './OtlpRequestError';
import type { OtlpFormat } from './readOtlpBody';
import { formatOf, readOtlpBody } from './readOtlpBody';
import { writeOtlpError, writeOtlpSuccess } from './writeOtlpResponse';

/** OtlpReceiverOptions configures otlpReceiverRoutes. */
export interface OtlpReceiverOptions {
  store: CollectorStore;
  accumulator: RollupAccumulator;
  metrics: CollectorMetrics;
  logger: Logger;
  maxBodyBytes: number;
}

/** otlpReceiverRoutes serves POST /v1/traces and POST /v1/logs (OTLP/HTTP, JSON or protobuf, optionally gzip). */
export function otlpReceiverRoutes(options: OtlpReceiverOptions): Router {
  const router = express.Router();
  router.post('/v1/traces', (req, res) => receive('traces', req, res, options));
  router.post('/v1/logs', (req, res) => receive('logs', req, res, options));
  return router;
}

async function receive(
  signal: OtlpSignal,
  req: express.Request,
  res: express.Response,
  options: OtlpReceiverOptions,
): Promise<void> {
  const { store, accumulator, metrics, logger } = options;
  let format: OtlpFormat | null = null;
  try {
    format = formatOf(req.headers['content-type']);
    const body = await readOtlpBody(req, options.maxBodyBytes);
    const request = decodeOtlp(signal, format, body);
    let result: Normalised<unknown>;
    if (signal === 'traces') {
      const spans = normaliseSpans(request);
      await persist(() => store.insertSignals(spans.records, []));
      // Rollups count only what is committed, so an export retried after a failed write is not counted twice.
      accumulator.add(spans.records);
      result = spans;
    } else {
      const logs = normaliseLogs(request);
      await persist(() => store.insertSignals([], logs.records));
      result = logs;
    }
    metrics.accepted.inc({ signal }, result.records.length);
    if (result.rejected > 0) metrics.refused.inc({ signal, reason: 'invalid_record' }, result.rejected);
    writeOtlpSuccess(res, signal, format, result.rejected, result.firstError);
  } catch (err) {
    const refusal =
      err instanceof OtlpRequestError
        ? err
        : new OtlpRequestError(500, 'internal', 'internal error', { cause: err });
    if (refusal.status >= 500) logger.warn({ err: refusal.cause ?? refusal, signal }, 'OTLP export refused');
    else logger.debug({ reason: refusal.message, signal }, 'OTLP export refused');
    metrics.refused.inc({ signal, reason: refusal.reason });
    writeOtlpError(res, format, refusal);
  }
}

async function persist(write: () => Promise<void>): Promise<void> {
  try {
    await write();
  } catch (err) {
    // OTLP clients retry a 503, which is what a database outage calls for.
    throw new OtlpRequestError(503, 'storage', 'storage is unavailable; retry later', { cause: err });
  }
}
