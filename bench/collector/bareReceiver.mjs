// Baseline for the collector's ingest: a bare OTLP/HTTP protobuf receiver that decodes with protobufjs (generic
// generated code, as the collector does), maps each span to 11 columns and COPYs them into a table with two
// indexes, answering 200 only after the COPY (an autocommit statement) has committed. Nothing else: no tenant
// processing, redaction, span metrics, rollups or queues.
// Usage: DATABASE_URL=... PORT=... node bench/collector/bareReceiver.mjs
import { createServer } from 'node:http';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { TRACE_REQUEST } from './otlpTypes.mjs';

const pool = new pg.Pool({
  connectionString: process.env.DATABASE_URL,
  max: 10,
  application_name: 'bare-receiver',
});
await pool.query(`CREATE TABLE IF NOT EXISTS bare_spans (
  trace_id text NOT NULL, span_id text NOT NULL, parent_span_id text NULL, tenant_id text NOT NULL,
  service text NOT NULL, name text NOT NULL, kind smallint NOT NULL, start_time timestamptz NOT NULL,
  end_time timestamptz NOT NULL, status_code smallint NOT NULL, attributes jsonb NOT NULL)`);
await pool.query('CREATE INDEX IF NOT EXISTS bare_spans_trace_id_idx ON bare_spans (trace_id)');
await pool.query(
  'CREATE INDEX IF NOT EXISTS bare_spans_tenant_start_idx ON bare_spans (tenant_id, start_time)',
);

// COPY text format: backslash, tab, newline and carriage return must be escaped.
const esc = (s) =>
  /[\\\t\n\r]/.test(s)
    ? s.replace(/[\\\t\n\r]/g, (c) => ({ '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' })[c])
    : s;
const anyValue = (v) =>
  v == null
    ? null
    : (v.stringValue ?? (v.intValue != null ? Number(v.intValue) : (v.boolValue ?? v.doubleValue ?? null)));
const nanosIso = (n) => new Date(Number(BigInt(n.toString()) / 1_000_000n)).toISOString();

function rows(req) {
  let out = '';
  for (const rs of req.resourceSpans ?? []) {
    let service = 'unknown';
    let resTenant = null;
    for (const a of rs.resource?.attributes ?? []) {
      if (a.key === 'service.name') service = String(anyValue(a.value));
      else if (a.key === 'tenant.id') resTenant = String(anyValue(a.value));
    }
    for (const ss of rs.scopeSpans ?? [])
      for (const s of ss.spans ?? []) {
        const attrs = {};
        let tenant = resTenant ?? 'default';
        for (const a of s.attributes ?? []) {
          attrs[a.key] = anyValue(a.value);
          if (a.key === 'tenant.id') tenant = String(attrs[a.key]);
        }
        const parent =
          s.parentSpanId && s.parentSpanId.length > 0 ? Buffer.from(s.parentSpanId).toString('hex') : '\\N';
        out += `${Buffer.from(s.traceId).toString('hex')}\t${Buffer.from(s.spanId).toString('hex')}\t${parent}\t${esc(tenant)}\t${esc(service)}\t${esc(s.name)}\t${s.kind ?? 0}\t${nanosIso(s.startTimeUnixNano)}\t${nanosIso(s.endTimeUnixNano)}\t${s.status?.code ?? 0}\t${esc(JSON.stringify(attrs))}\n`;
      }
  }
  return out;
}

async function copyRows(text) {
  const client = await pool.connect();
  try {
    await new Promise((resolve, reject) => {
      const stream = client.query(copyFrom('COPY bare_spans FROM STDIN'));
      stream.on('error', reject);
      stream.on('finish', resolve);
      stream.end(text);
    });
  } finally {
    client.release();
  }
}

const server = createServer((req, res) => {
  if (req.method !== 'POST' || req.url !== '/v1/traces') {
    res.writeHead(404).end();
    return;
  }
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    let text;
    try {
      text = rows(TRACE_REQUEST.decode(Buffer.concat(chunks)));
    } catch {
      res.writeHead(400).end();
      return;
    }
    copyRows(text).then(
      () => res.writeHead(200, { 'content-type': 'application/x-protobuf' }).end(),
      () => res.writeHead(503).end(),
    );
  });
});
server.listen(Number(process.env.PORT), '127.0.0.1');
const stop = () => server.close(() => pool.end().then(() => process.exit(0)));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
