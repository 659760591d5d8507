import fc from 'fast-check';
import { fuzzAuthHeader } from './fuzzAuthHeader';
import { fuzzBody } from './fuzzBody';
import { LOG_QUERY_PARAMS } from './fuzzCollectorTargets';
import { fuzzMutate } from './fuzzMutate';
import { fuzzPast } from './fuzzPast';
import { fuzzQuery, pct } from './fuzzQuery';
import type { JsonSchema, SchemaContext } from './fuzzSchema';
import { fuzzSchema } from './fuzzSchema';
import type { FuzzStage } from './fuzzStage';
import type { FuzzRequest, FuzzTarget } from './fuzzTarget';
import { hostileString } from './fuzzValues';

interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required?: boolean;
  schema?: JsonSchema;
}

interface Operation {
  parameters?: Parameter[];
  requestBody?: { required?: boolean; content: Record<string, { schema: JsonSchema }> };
  security?: unknown[];
}

/** ApiOperation is one method and path of the api's OpenAPI document. */
export interface ApiOperation {
  method: string;
  path: string;
  op: Operation;
}

const TENANTS = fc.constantFrom('acme', 'globex', 'initech', 'no-such-tenant');
const TIME_ZONES = fc.oneof(
  {
    arbitrary: fc.constantFrom(
      'UTC',
      'Europe/Berlin',
      'America/New_York',
      'Asia/Kolkata',
      'Australia/Lord_Howe',
    ),
    weight: 6,
  },
  { arbitrary: fc.constantFrom('Mars/Olympus', '+05:00', '', 'utc', 'Etc/GMT+14'), weight: 1 },
);
const HOOK = 'https://127.0.0.1:9/hook';
const future = fc
  .integer({ min: 60_000, max: 30 * 86_400_000 })
  .map((d) => new Date(Date.now() + d).toISOString());
const cronField = fc.oneof(
  fc.constantFrom('*', '*/5', '*/0', '0', '1-5', '5-1', '0,30', 'L', '?', '60', '*/1000000'),
  fc.nat(70).map(String),
);
const cron = fc.array(cronField, { minLength: 4, maxLength: 6 }).map((f) => f.join(' '));
const rrule = fc
  .tuple(
    fc.constantFrom('DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY', 'HOURLY', 'MINUTELY', 'SECONDLY', 'NEVER'),
    fc.subarray([
      ';INTERVAL=2',
      ';INTERVAL=0',
      ';BYDAY=MO,TU',
      ';BYDAY=-1FR',
      ';BYMONTHDAY=31',
      ';BYMONTH=2;BYMONTHDAY=30',
      ';BYHOUR=2',
      ';BYSETPOS=-1',
      ';COUNT=3',
      ';UNTIL=20200101T000000Z',
      ';WKST=SU',
    ]),
  )
  .map(([freq, parts]) => `FREQ=${freq}${parts.join('')}`);
const timeWindow = fc.oneof(
  fc.record({ kind: fc.constant('once'), startsAt: fuzzPast(3_600_000, 0), endsAt: future }),
  fc.record({
    kind: fc.constant('cron'),
    cron,
    durationMinutes: fc.integer({ min: 1, max: 10_080 }),
    timeZone: TIME_ZONES,
  }),
  fc.record({
    kind: fc.constant('rrule'),
    rrule,
    dtstart: fc.constantFrom('2026-01-05T02:00', '2026-03-29T02:30', '2026-01-05', '2026-13-45T99:99'),
    durationMinutes: fc.integer({ min: 1, max: 10_080 }),
    timeZone: TIME_ZONES,
  }),
);
const layer = fc.oneof(
  fc.record({
    name: fc.constantFrom('primary', 'secondary'),
    rotation: fc.constant('daily'),
    handoffTime: fc.constantFrom('09:00', '00:00', '23:59', '24:00'),
    startDate: fc.constantFrom('2026-01-05', '2026-03-29', '2026-10-25'),
    participants: fc.array(fc.constantFrom('alice', 'bob', 'carol'), { minLength: 1, maxLength: 3 }),
    shiftLength: fc.integer({ min: 1, max: 400 }),
  }),
  fc.record({
    name: fc.constantFrom('primary', 'weekly'),
    rotation: fc.constant('weekly'),
    handoffTime: fc.constant('09:00'),
    handoffWeekday: fc.integer({ min: 1, max: 7 }),
    startDate: fc.constant('2026-01-05'),
    participants: fc.array(fc.constantFrom('alice', 'bob'), { minLength: 1, maxLength: 2 }),
  }),
);
const scheduleSpec = fc.record({
  timeZone: TIME_ZONES,
  layers: fc.array(layer, { minLength: 1, maxLength: 3 }),
  overrides: fc.array(
    fc.record({ user: fc.constantFrom('alice', 'bob'), start: fuzzPast(86_400_000, 0), end: future }),
    { maxLength: 2 },
  ),
});

/** HINTS are valid values the OpenAPI document leaves open: silence windows, schedule rotations, known tenants. */
const HINTS: Record<string, fc.Arbitrary<unknown>> = {
  TimeWindow: timeWindow,
  'ScheduleRequest.spec': scheduleSpec,
  'SilenceRequest.tenant': TENANTS,
  'CreateReportRequest.tenant': TENANTS,
  'CreateReportRequest.week': fc.constantFrom(
    '2026-W01',
    '2026-W47',
    '2026-W53',
    '2025-W52',
    '2027-W01',
    '2026-W00',
  ),
  ChannelConfig: fc.oneof(
    fc.record({
      type: fc.constant('slack'),
      webhookUrl: fc.constant(HOOK),
      channel: fc.constantFrom('#oncall', ''),
    }),
    fc.record({ type: fc.constant('pagerduty'), routingKey: fc.stringMatching(/^[A-Za-z0-9]{32}$/) }),
    fc.record({
      type: fc.constant('email'),
      to: fc.array(fc.constantFrom('oncall@example.com', 'sre@example.org'), { minLength: 1, maxLength: 2 }),
    }),
    fc.record({
      type: fc.constant('webhook'),
      url: fc.constant(HOOK),
      secret: fc.string({ minLength: 16, maxLength: 40 }),
      headers: fc.dictionary(
        fc.constantFrom('x-team', 'authorization', 'host', 'content-length'),
        fc.string({ maxLength: 20 }),
        { maxKeys: 2 },
      ),
    }),
  ),
  'LabelMatcher.name': fc.constantFrom('alertname', 'severity', 'tenant', 'service', 'env', '__name__'),
  'AlertRouteRequest.groupBy': fc.oneof(
    fc.constant(['...']),
    fc.subarray(['alertname', 'tenant', 'service']),
  ),
  'AlertRouteRequest.parentId': fc.constantFrom('root', null, 'no-such-route'),
  'AlertRouteRequest.policyId': fc.constantFrom('default', 'no-such-policy'),
};

/** pathParam is a value for one path parameter: a known object (seeded or made by earlier inputs), valid or hostile. */
function pathParam(op: ApiOperation, p: Parameter, ctx: SchemaContext): fc.Arbitrary<string> {
  const known =
    op.path.startsWith('/v1/tenants/{id}') || p.name === 'tenant'
      ? TENANTS
      : op.path.startsWith('/v1/alert-groups')
        ? fc.integer({ min: 1, max: 60 }).map(String)
        : fc.constantFrom('default', 'root', 'acme', '1');
  return fc.oneof(
    { arbitrary: known, weight: 4 },
    { arbitrary: fuzzSchema(p.schema ?? { type: 'string' }, ctx).map((v) => pct(String(v))), weight: 3 },
    { arbitrary: hostileString.map((s) => pct(s.slice(0, 300))), weight: 2 },
    { arbitrary: fc.constantFrom('%zz', '%', '..', '%2F', '%00', '%C0%AE', '.', '~', '%E0%A4%A'), weight: 1 },
  );
}

/** operationRequests generates requests for one operation: path and query parameters, a JSON body when it takes one. */
export function operationRequests(
  op: ApiOperation,
  ctx: SchemaContext,
  token: string,
): fc.Arbitrary<FuzzRequest> {
  const params = op.op.parameters ?? [];
  const paths = params.filter((p) => p.in === 'path');
  const queryParams = Object.fromEntries(
    params
      .filter((p) => p.in === 'query')
      .map((p) => [p.name, fuzzSchema(p.schema ?? { type: 'string' }, ctx).map(String)]),
  );
  const required = params.filter((p) => p.in === 'query' && p.required).map((p) => p.name);
  const path = fc
    .tuple(...paths.map((p) => pathParam(op, p, ctx).map((v) => [p.name, v] as const)))
    .map((values) => values.reduce((acc, [name, v]) => acc.replace(`{${name}}`, v), op.path));
  const query = Object.keys(queryParams).length > 0 ? fuzzQuery(queryParams, required) : fc.constant('');
  const auth = op.op.security && op.op.security.length > 0 ? fuzzAuthHeader(token) : fc.constant({});
  const bodySchema = op.op.requestBody?.content['application/json']?.schema;
  // On PUT the body's id must be absent or equal the path's; the generated id almost never is.
  const withoutId = (v: unknown) =>
    op.method === 'put' && typeof v === 'object' && v !== null && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).filter(([k]) => k !== 'id'))
      : v;
  const body = bodySchema
    ? fuzzBody(fuzzMutate(fuzzSchema(bodySchema, ctx).map(withoutId)))
    : fc.constant({ body: Buffer.alloc(0), headers: {} as Record<string, string> });
  return fc.tuple(path, query, auth, body).map(([p, q, a, b]) => ({
    method: op.method.toUpperCase(),
    path: q === '' ? p : `${p}?${q}`,
    headers: { ...b.headers, ...a },
    ...(b.body.length > 0 || bodySchema ? { body: b.body } : {}),
  }));
}

/** apiOperations lists every operation of the api's OpenAPI document, as the running api serves it. */
export async function apiOperations(
  apiUrl: string,
): Promise<{ operations: ApiOperation[]; ctx: SchemaContext }> {
  const res = await fetch(`${apiUrl}/openapi.json`);
  if (res.status !== 200) throw new Error(`api /openapi.json answered ${res.status}`);
  const doc = (await res.json()) as {
    paths: Record<string, Record<string, Operation>>;
    components: { schemas: Record<string, JsonSchema> };
  };
  const operations = Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops)
      .filter(([method]) => ['get', 'post', 'put', 'patch', 'delete'].includes(method))
      .map(([method, op]) => ({ method, path, op })),
  );
  return { operations, ctx: { components: doc.components.schemas, hints: HINTS } };
}

/**
 * fuzzApiTargets are the api's JSON API, found in its own OpenAPI document: the log search, every operation that
 * takes a JSON body, and every other operation with its path and query parameters.
 */
export function fuzzApiTargets(
  stage: FuzzStage,
  { operations, ctx }: { operations: ApiOperation[]; ctx: SchemaContext },
): FuzzTarget[] {
  const logs = (o: ApiOperation) => o.path === '/v1/logs';
  const withBody = operations.filter((o) => o.op.requestBody !== undefined);
  const others = operations.filter((o) => o.op.requestBody === undefined && !logs(o));
  const all = (ops: ApiOperation[]) =>
    fc.oneof(...ops.map((o) => operationRequests(o, ctx, stage.adminToken)));
  return [
    {
      name: 'api GET /v1/logs (log search)',
      service: 'api',
      requests: fc
        .tuple(fuzzQuery(LOG_QUERY_PARAMS, ['tenant']), fuzzAuthHeader(stage.adminToken))
        .map(([q, headers]) => ({ method: 'GET', path: `/v1/logs?${q}`, headers })),
    },
    { name: `api JSON bodies (${withBody.length} operations)`, service: 'api', requests: all(withBody) },
    {
      name: `api queries and path parameters (${others.length} operations)`,
      service: 'api',
      requests: all(others),
    },
  ];
}
