import {
  anyValueToJson,
  cleanString,
  isRecord,
  keyValuesToJson,
  nanosToIso,
  readId,
  readInt,
  readUint64,
} from './otlpValues';
import type { LogRecord, Normalised } from './records';
import { resolveTenant, serviceOf } from './resolveTenant';
import { walkOtlp } from './walkOtlp';

/** normaliseLogs turns an ExportLogsServiceRequest (decoded JSON or protobuf) into log records. */
export function normaliseLogs(request: unknown, receivedAt: Date = new Date()): Normalised<LogRecord> {
  const out: Normalised<LogRecord> = { records: [], rejected: 0, firstError: null };
  const receivedNanos = BigInt(receivedAt.getTime()) * 1_000_000n;
  for (const group of walkOtlp(request, 'resourceLogs', 'scopeLogs', 'logRecords')) {
    const resource = keyValuesToJson(group.resourceAttributes);
    const service = serviceOf(resource);
    for (const item of group.items) {
      const result = toLog(item, resource, service, receivedNanos);
      if (typeof result === 'string') {
        out.rejected++;
        out.firstError ??= result;
      } else {
        out.records.push(result);
      }
    }
  }
  return out;
}

function toLog(
  log: unknown,
  resource: LogRecord['resource'],
  service: string,
  receivedNanos: bigint,
): LogRecord | string {
  if (!isRecord(log)) return 'log record must be an object';
  const time = readUint64(log.timeUnixNano);
  const observed = readUint64(log.observedTimeUnixNano);
  if (time === null || observed === null) return 'log record times must be unsigned 64-bit integers';
  const traceId = readId(log.traceId, 16);
  if (traceId === null) return 'log record has a malformed traceId';
  const spanId = readId(log.spanId, 8);
  if (spanId === null) return 'log record has a malformed spanId';
  const severityNumber =
    log.severityNumber === undefined || log.severityNumber === null ? 0 : readInt(log.severityNumber, 0, 24);
  if (severityNumber === null) return 'log severityNumber must be an integer from 0 to 24';
  const attributes = keyValuesToJson(log.attributes);
  const body = anyValueToJson(log.body);
  // The spec lets timeUnixNano be unknown (0); the observed time, then the receipt time, stand in for it.
  const observedNanos = observed > 0n ? observed : receivedNanos;
  return {
    time: nanosToIso(time > 0n ? time : observedNanos),
    observedTime: nanosToIso(observedNanos),
    tenantId: resolveTenant(attributes, resource),
    service,
    severityNumber,
    severityText:
      typeof log.severityText === 'string' && log.severityText.length > 0
        ? cleanString(log.severityText)
        : null,
    body: typeof body === 'string' ? body : body === null ? '' : JSON.stringify(body),
    traceId: traceId === '' ? null : traceId,
    spanId: spanId === '' ? null : spanId,
    attributes,
    resource,
  };
}
