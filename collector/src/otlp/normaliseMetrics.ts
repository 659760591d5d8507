import { cleanString, isRecord, keyValuesToJson, nanosToIso, readInt, readUint64 } from './otlpValues';
import type { JsonObject, MetricKind, MetricPointRecord, Normalised } from './records';
import { resolveTenant, serviceOf } from './resolveTenant';
import { walkOtlp } from './walkOtlp';

const MAX_BUCKETS = 512;
/** MAX_COUNT is the largest count stored exactly: a JS number's safe integer, below PostgreSQL's bigint limit. */
const MAX_COUNT = BigInt(Number.MAX_SAFE_INTEGER);

/**
 * normaliseMetrics turns an ExportMetricsServiceRequest into data points. Gauges, sums and explicit-bucket
 * histograms are kept; exponential histograms and summaries are rejected per data point (partialSuccess).
 */
export function normaliseMetrics(request: unknown): Normalised<MetricPointRecord> {
  const out: Normalised<MetricPointRecord> = { records: [], rejected: 0, firstError: null };
  const reject = (n: number, reason: string): void => {
    out.rejected += n;
    out.firstError ??= reason;
  };
  for (const group of walkOtlp(request, 'resourceMetrics', 'scopeMetrics', 'metrics')) {
    const resource = keyValuesToJson(group.resourceAttributes);
    const service = serviceOf(resource);
    for (const metric of group.items) {
      if (!isRecord(metric)) {
        reject(1, 'metric must be an object');
        continue;
      }
      const name = typeof metric.name === 'string' ? cleanString(metric.name).slice(0, 256) : '';
      const data = dataOf(metric);
      if (data === null) {
        reject(1, 'metric has no gauge, sum or histogram data');
        continue;
      }
      if (typeof data === 'string') {
        reject(countPoints(metric), data);
        continue;
      }
      if (name === '') {
        reject(data.points.length, 'metric name must be a non-empty string');
        continue;
      }
      const unit = typeof metric.unit === 'string' ? cleanString(metric.unit).slice(0, 64) : '';
      for (const point of data.points) {
        const result = toPoint(point, data, { name, unit, service, resource });
        if (typeof result === 'string') reject(1, result);
        else out.records.push(result);
      }
    }
  }
  return out;
}

interface MetricData {
  kind: MetricKind;
  points: unknown[];
  temporality: number | null;
  monotonic: boolean | null;
}

function dataOf(metric: Record<string, unknown>): MetricData | string | null {
  for (const kind of ['gauge', 'sum', 'histogram'] as const) {
    const d = metric[kind];
    if (d === undefined || d === null) continue;
    if (!isRecord(d)) return `metric ${kind} must be an object`;
    const points = d.dataPoints ?? [];
    if (!Array.isArray(points)) return `metric ${kind}.dataPoints must be an array`;
    const temporality = kind === 'gauge' ? null : (readInt(d.aggregationTemporality ?? 0, 0, 2) ?? -1);
    if (temporality === -1) return 'aggregationTemporality must be 0, 1 or 2';
    return {
      kind,
      points,
      temporality,
      monotonic: kind === 'sum' ? d.isMonotonic === true : null,
    };
  }
  for (const kind of ['exponentialHistogram', 'summary']) {
    if (metric[kind] !== undefined && metric[kind] !== null)
      return `metric type ${kind} is not supported; use gauge, sum or histogram`;
  }
  return null;
}

function countPoints(metric: Record<string, unknown>): number {
  for (const kind of ['gauge', 'sum', 'histogram', 'exponentialHistogram', 'summary']) {
    const d = metric[kind];
    if (isRecord(d) && Array.isArray(d.dataPoints)) return Math.max(1, d.dataPoints.length);
  }
  return 1;
}

function toPoint(
  point: unknown,
  data: MetricData,
  meta: { name: string; unit: string; service: string; resource: JsonObject },
): MetricPointRecord | string {
  if (!isRecord(point)) return 'data point must be an object';
  const time = readUint64(point.timeUnixNano);
  const start = readUint64(point.startTimeUnixNano);
  if (time === null || start === null || time === 0n)
    return 'data point needs timeUnixNano (and a valid startTimeUnixNano)';
  const attributes = keyValuesToJson(point.attributes);
  const base = {
    tenantId: resolveTenant(attributes, meta.resource),
    service: meta.service,
    name: meta.name,
    unit: meta.unit,
    kind: data.kind,
    time: nanosToIso(time),
    startTime: start > 0n ? nanosToIso(start) : null,
    temporality: data.temporality,
    monotonic: data.monotonic,
    attributes,
    resource: meta.resource,
  };
  if (data.kind !== 'histogram') {
    const value = numberValue(point);
    if (value === null) return 'number data point needs a finite asDouble or asInt';
    return { ...base, value, count: null, sum: null, bucketCounts: null, explicitBounds: null };
  }
  // Counts are uint64 on the wire but a PostgreSQL bigint (and a JS number) here: a larger one failed the whole
  // batch at the database, a 503 the client retries for ever (found by the fuzz drill), so it is this point's fault.
  const count = readUint64(point.count);
  if (count === null || count > MAX_COUNT)
    return `histogram count must be an unsigned integer of at most ${MAX_COUNT}`;
  const bucketCounts = listOf(point.bucketCounts, (v) => {
    const n = readUint64(v);
    return n === null || n > MAX_COUNT ? null : Number(n);
  });
  const explicitBounds = listOf(point.explicitBounds, finite);
  if (bucketCounts === null || explicitBounds === null)
    return `histogram buckets must be lists of at most ${MAX_BUCKETS} numbers (counts of at most ${MAX_COUNT})`;
  if (bucketCounts.length !== 0 && bucketCounts.length !== explicitBounds.length + 1)
    return 'histogram bucketCounts must have one more entry than explicitBounds';
  const sum = point.sum === undefined || point.sum === null ? null : finite(point.sum);
  return { ...base, value: null, count: Number(count), sum, bucketCounts, explicitBounds };
}

function numberValue(point: Record<string, unknown>): number | null {
  if (point.asDouble !== undefined && point.asDouble !== null) return finite(point.asDouble);
  if (point.asInt !== undefined && point.asInt !== null) {
    const v = point.asInt;
    if (typeof v === 'number') return Number.isInteger(v) ? v : null;
    if (typeof v === 'string') return /^-?\d{1,20}$/.test(v) ? Number(v) : null;
    if (isRecord(v) && typeof v.low === 'number' && typeof v.high === 'number')
      return Number(BigInt.asIntN(64, (BigInt(v.high >>> 0) << 32n) | BigInt(v.low >>> 0)));
  }
  return null;
}

function finite(v: unknown): number | null {
  const n = typeof v === 'string' ? Number(v) : v;
  return typeof n === 'number' && Number.isFinite(n) ? n : null;
}

function listOf(value: unknown, read: (v: unknown) => number | null): number[] | null {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || value.length > MAX_BUCKETS) return null;
  const out: number[] = [];
  for (const v of value) {
    const n = read(v);
    if (n === null) return null;
    out.push(n);
  }
  return out;
}
