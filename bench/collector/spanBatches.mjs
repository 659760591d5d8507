// Pre-encoded OTLP protobuf trace requests of 512 spans with realistic attributes. Each body is encoded once; every
// request then rewrites its trace and span ids in place (all occurrences, so parent links stay consistent), so no
// two batches share an id and the trace_id index sees realistic cardinality, at no encoding cost per request.
import { randomBytes } from 'node:crypto';
import { TRACE_REQUEST } from './otlpTypes.mjs';

const SERVICES = ['gateway', 'auth', 'orders', 'payments', 'inventory', 'search'];
const ROUTES = [
  '/api/orders/:id',
  '/api/cart',
  '/api/payments',
  '/api/search',
  '/api/users/:id',
  '/api/items',
];
const METHODS = ['GET', 'POST', 'PUT', 'DELETE'];
const str = (v) => ({ stringValue: v });
const int = (v) => ({ intValue: v });

/** buildBatch returns one encoded request and the offsets of every trace/span id occurrence in it. */
function buildBatch(variant, spansPerBatch, spansPerTrace, tenants) {
  const now = Date.now();
  const traces = spansPerBatch / spansPerTrace;
  const traceIds = Array.from({ length: traces }, () => randomBytes(16));
  const spanIds = Array.from({ length: spansPerBatch }, () => randomBytes(8));
  // One ResourceSpans per service, as an SDK batching several services' spans would not do, but a gateway-side
  // collector forwarding them would.
  const byService = new Map();
  for (let i = 0; i < spansPerBatch; i++) {
    const t = Math.floor(i / spansPerTrace);
    const inTrace = i % spansPerTrace;
    const service = SERVICES[(inTrace + variant) % SERVICES.length];
    const tenant = tenants[(t + variant) % tenants.length];
    const start = now - 60_000 + t * 37 + inTrace * 3;
    const dur = 1 + ((i * 7919 + variant) % 400);
    const status = (i + variant) % 50 === 0 ? 500 : 200;
    const route = ROUTES[(t + inTrace) % ROUTES.length];
    const span = {
      traceId: traceIds[t],
      spanId: spanIds[i],
      parentSpanId: inTrace === 0 ? undefined : spanIds[i - inTrace],
      name: `${METHODS[t % METHODS.length]} ${route}`,
      kind: inTrace === 0 ? 2 : 3,
      startTimeUnixNano: String(BigInt(start) * 1_000_000n),
      endTimeUnixNano: String(BigInt(start + dur) * 1_000_000n),
      attributes: [
        { key: 'tenant.id', value: str(tenant) },
        { key: 'http.request.method', value: str(METHODS[t % METHODS.length]) },
        { key: 'http.route', value: str(route) },
        { key: 'url.path', value: str(route.replace(':id', String(1000 + ((i * 31) % 9000)))) },
        { key: 'http.response.status_code', value: int(status) },
        { key: 'server.address', value: str(`${service}.sightline.svc`) },
        { key: 'network.peer.address', value: str(`10.0.${i % 256}.${(i * 7) % 256}`) },
        { key: 'user_agent.original', value: str('Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36') },
      ],
      status: status >= 500 ? { code: 2, message: 'upstream returned 500' } : { code: 1 },
    };
    if (!byService.has(service)) byService.set(service, []);
    byService.get(service).push(span);
  }
  const json = {
    resourceSpans: [...byService.entries()].map(([service, spans]) => ({
      resource: {
        attributes: [
          { key: 'service.name', value: str(service) },
          { key: 'service.version', value: str('1.42.0') },
          { key: 'deployment.environment.name', value: str('production') },
          { key: 'host.name', value: str(`${service}-7d9f8c6b5-x${variant}k2p`) },
          { key: 'telemetry.sdk.language', value: str('nodejs') },
        ],
      },
      scopeSpans: [{ scope: { name: '@opentelemetry/instrumentation-http', version: '0.57.0' }, spans }],
    })),
  };
  const body = Buffer.from(TRACE_REQUEST.encode(TRACE_REQUEST.fromObject(json)).finish());
  const find = (id) => {
    const at = [];
    for (let p = body.indexOf(id); p !== -1; p = body.indexOf(id, p + 1)) at.push(p);
    return at;
  };
  return { body, traceOffsets: traceIds.map(find), spanOffsets: spanIds.map(find) };
}

/**
 * makeBatchSource builds `variants` distinct bodies; next() returns a fresh copy of one with ids unique to that
 * call (trace id = seq, trace index, random tail; span id = seq, span index).
 */
export function makeBatchSource({ variants = 4, spansPerBatch = 512, spansPerTrace = 8, tenants }) {
  const batches = Array.from({ length: variants }, (_, v) =>
    buildBatch(v, spansPerBatch, spansPerTrace, tenants),
  );
  let seq = (Date.now() & 0xffff) << 12;
  return {
    spansPerBatch,
    next() {
      const b = batches[seq % variants];
      seq = (seq + 1) >>> 0;
      const out = Buffer.from(b.body);
      b.traceOffsets.forEach((at, t) => {
        for (const p of at) {
          out.writeUInt32BE(seq, p);
          out.writeUInt32BE(t, p + 4);
        }
      });
      b.spanOffsets.forEach((at, s) => {
        for (const p of at) {
          out.writeUInt32BE(seq, p);
          out.writeUInt32BE(s + 1, p + 4);
        }
      });
      return out;
    },
  };
}
