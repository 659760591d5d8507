import { TenantId } from '@sightline/contracts';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { STUB_TENANTS } from './GatewayAdminStub';
import { hasInternalToken, readBody, sendJson, startStubServer } from './startStubServer';
import type { StubServer } from './startStubServer';

/** ReportsRequest is one call the api made to the reports service, as it arrived. */
export interface ReportsRequest {
  method: string;
  /** path is the path and query, exactly as they arrived. */
  path: string;
  body: unknown;
}

/** StubReport is a report row as the reports service's ReportArchive returns it. */
export type StubReport = {
  id: number;
  kind: 'tenant' | 'executive';
  tenantId: string;
  weekLabel: string;
  weekStart: string;
  weekEnd: string;
  status: 'queued' | 'running' | 'done' | 'failed';
  progress: number;
  stage: string;
  trigger: 'schedule' | 'on-demand';
  requestedBy: string | null;
  attempts: number;
  error: string | null;
  summary: string | null;
  reportStatus: string | null;
  emailRecipients: string[];
  emailedAt: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  hasData: boolean;
};

/** ReportsStub is the reports service's internal API (reports/src/api/reportRoutes.ts) served from memory. */
export interface ReportsStub extends StubServer {
  reports: StubReport[];
  recipients: Map<string, string[]>;
  requests: ReportsRequest[];
  /** refusals holds each request the stub refused as the reports service would, with its reason. */
  refusals: string[];
  /** brokenBody makes every 2xx JSON answer a body outside the contract. */
  brokenBody: boolean;
  /** ignoreFilter makes the listing ignore tenant and kind, as a buggy service would. */
  ignoreFilter: boolean;
  /** csp is the Content-Security-Policy the HTML is served with ('' sends none). */
  csp: string;
  /** pdfContentType is the media type the PDF is sent as. */
  pdfContentType: string;
  lastRequest(): ReportsRequest | undefined;
  reset(): void;
}

/** STUB_PDF is the PDF every finished stub report downloads as: binary, with bytes that are not UTF-8. */
export const STUB_PDF = Buffer.concat([
  Buffer.from('%PDF-1.7\n%'),
  Buffer.from([0xe2, 0xe3, 0xcf, 0xd3, 0x00, 0xff, 0x80]),
  Buffer.from('\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n'),
]);

/** STUB_CSP is the reports service's own policy for a report's HTML. */
export const STUB_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

// The reports service's own checks (reportRoutes.ts), so the stub refuses exactly what it refuses.
const EXECUTIVE = '*';
const Id = z.coerce
  .number()
  .int()
  .positive()
  .max(2 ** 31 - 1);
const ListQuery = z.strictObject({
  tenant: z
    .string()
    .max(2000)
    .transform((s) => s.split(',').filter(Boolean))
    .pipe(z.array(z.union([TenantId, z.literal(EXECUTIVE)])).max(100))
    .optional(),
  kind: z.enum(['tenant', 'executive']).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  before: Id.optional(),
});
const CreateBody = z.strictObject({
  kind: z.enum(['tenant', 'executive']),
  tenant: TenantId.optional(),
  week: z
    .string()
    .regex(/^(\d{4})-W(\d{2})$/, 'week must look like 2026-W47')
    .optional(),
  force: z.boolean().default(false),
  requestedBy: z.string().max(200).optional(),
});
const RecipientsBody = z.strictObject({ emails: z.array(z.email().max(254)).max(50) });
const RecipientTenant = z.union([TenantId, z.literal(EXECUTIVE)]);
const BODY_LIMIT: Record<string, number> = { POST: 8 * 1024, PUT: 32 * 1024 };
// The last week that has ended for every tenant of the stub, and the first that has not.
const LAST_COMPLETE_WEEK = '2026-W47';
const FIRST_OPEN_WEEK = '2026-W48';

class StubProblem extends Error {
  constructor(
    readonly status: number,
    detail: string,
  ) {
    super(detail);
  }
}

function row(
  id: number,
  kind: StubReport['kind'],
  tenantId: string,
  week: string,
  done: boolean,
): StubReport {
  const n = Number(week.slice(-2));
  const start = new Date(Date.UTC(2026, 0, 5) + (n - 2) * 7 * 86_400_000);
  const end = new Date(start.getTime() + 7 * 86_400_000);
  const at = end.toISOString();
  return {
    id,
    kind,
    tenantId,
    weekLabel: week,
    weekStart: start.toISOString().replace('.000', ''),
    weekEnd: at.replace('.000', ''),
    status: done ? 'done' : 'running',
    progress: done ? 100 : 45,
    stage: done ? 'done' : 'computing figures',
    trigger: 'schedule',
    requestedBy: null,
    attempts: 1,
    error: null,
    summary: done
      ? kind === 'tenant'
        ? 'Met 3 of 4 objectives; budget 38 % used.'
        : '3 tenants: 1 red'
      : null,
    reportStatus: done && kind === 'tenant' ? 'green' : null,
    emailRecipients: done ? ['cfo@example.com'] : [],
    emailedAt: done ? at : null,
    createdAt: at,
    startedAt: at,
    finishedAt: done ? at : null,
    hasData: done,
  };
}

/** seedReports is the archive every test starts from: one finished report of acme, globex and the summary, one running. */
export function seedReports(): StubReport[] {
  return [
    row(1, 'tenant', 'acme', '2026-W46', true),
    row(2, 'tenant', 'globex', '2026-W46', true),
    row(3, 'executive', EXECUTIVE, '2026-W46', true),
    row(4, 'tenant', 'acme', '2026-W47', false),
  ];
}

/**
 * startReportsStub implements the reports service's internal contract from memory: the archive, on-demand jobs,
 * downloads and recipients. It refuses callers without the internal token, and checks every query and body as
 * the service does; each refusal is recorded in `refusals` so tests can tell a stub refusal from an api one.
 */
export async function startReportsStub(internalToken: string): Promise<ReportsStub> {
  const state = {
    reports: seedReports(),
    recipients: new Map<string, string[]>([['acme', ['cfo@acme.test']]]),
    requests: [] as ReportsRequest[],
    refusals: [] as string[],
    brokenBody: false,
    ignoreFilter: false,
    csp: STUB_CSP,
    pdfContentType: 'application/pdf',
    lastRequest: () => state.requests.at(-1),
    reset() {
      state.reports = seedReports();
      state.recipients = new Map([['acme', ['cfo@acme.test']]]);
      state.requests.length = 0;
      state.refusals.length = 0;
      state.brokenBody = false;
      state.ignoreFilter = false;
      state.csp = STUB_CSP;
      state.pdfContentType = 'application/pdf';
    },
  };
  const server = await startStubServer((req, res) => {
    if (!hasInternalToken(req, internalToken)) {
      sendJson(res, 401, { status: 401, title: 'Unauthorized' }, 'application/problem+json');
      return;
    }
    void readBody(req).then((text) => {
      const url = new URL(req.url ?? '/', 'http://stub');
      try {
        const body = parseBody(req, text);
        state.requests.push({ method: req.method ?? 'GET', path: `${url.pathname}${url.search}`, body });
        route(state, req, res, url, body);
      } catch (err) {
        const problem =
          err instanceof StubProblem
            ? err
            : err instanceof z.ZodError
              ? new StubProblem(400, `${err.issues[0]!.path.join('.') || 'body'}: ${err.issues[0]!.message}`)
              : new StubProblem(500, String(err));
        state.refusals.push(`${req.method} ${url.pathname}: ${problem.status} ${problem.message}`);
        sendJson(
          res,
          problem.status,
          { type: 'about:blank', title: 'Error', status: problem.status, detail: problem.message },
          'application/problem+json',
        );
      }
    });
  });
  return Object.assign(state, server);
}

function parseBody(req: IncomingMessage, text: string): unknown {
  if (text === '') return undefined;
  if (Buffer.byteLength(text) > (BODY_LIMIT[req.method ?? ''] ?? 0))
    throw new StubProblem(413, 'request body too large');
  if (!(req.headers['content-type'] ?? '').startsWith('application/json'))
    throw new StubProblem(400, 'the body must be application/json');
  try {
    return JSON.parse(text);
  } catch {
    throw new StubProblem(400, 'malformed JSON body');
  }
}

// Express parses a repeated parameter into an array, which the service's zod then refuses; so does this.
function queryObject(params: URLSearchParams): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const key of new Set(params.keys())) {
    const all = params.getAll(key);
    out[key] = all.length > 1 ? all : all[0]!;
  }
  return out;
}

type State = Omit<ReportsStub, keyof StubServer>;

function route(state: State, req: IncomingMessage, res: ServerResponse, url: URL, body: unknown): void {
  const json = (status: number, answer: unknown) =>
    sendJson(res, status, state.brokenBody ? { unexpected: true } : answer);
  const path = url.pathname;
  if (!path.startsWith('/internal/v1/reports')) throw new StubProblem(404, `no route for ${path}`);
  const rest = path.slice('/internal/v1/reports'.length);
  if (req.method === 'GET' && rest === '') {
    const q = ListQuery.parse(queryObject(url.searchParams));
    const shown = state.reports
      .filter(
        (r) =>
          state.ignoreFilter ||
          ((q.tenant === undefined || q.tenant.includes(r.tenantId)) &&
            (q.kind === undefined || r.kind === q.kind)),
      )
      .filter((r) => q.before === undefined || r.id < q.before)
      .sort((a, b) => b.weekStart.localeCompare(a.weekStart) || b.id - a.id)
      .slice(0, q.limit);
    return json(200, { reports: shown });
  }
  if (req.method === 'POST' && rest === '') return json(...create(state, body));
  const recipients = /^\/recipients\/([^/]+)$/.exec(rest);
  if (recipients) {
    const tenant = RecipientTenant.parse(decodeURIComponent(recipients[1]!));
    if (req.method === 'PUT') {
      const { emails } = RecipientsBody.parse(body);
      state.recipients.set(tenant, [...new Set(emails.map((e) => e.toLowerCase()))].sort());
    } else if (req.method !== 'GET') throw new StubProblem(404, 'no such route');
    return json(200, { tenant, emails: state.recipients.get(tenant) ?? [] });
  }
  const one = /^\/([^/]+)(?:\/([^/]+))?$/.exec(rest);
  if (req.method !== 'GET' || !one) throw new StubProblem(404, `no route for ${path}`);
  const id = Id.parse(one[1]);
  const report = state.reports.find((r) => r.id === id);
  if (!report) throw new StubProblem(404, 'no such report');
  if (one[2] === undefined) return json(200, { report });
  const format = z.enum(['html', 'pdf', 'json']).safeParse(one[2]);
  if (!format.success) throw new StubProblem(404, 'formats are html, pdf and json');
  if (!report.hasData)
    throw new StubProblem(
      409,
      `report ${id} is ${report.status} (${report.stage}, ${report.progress} %): not ready yet`,
    );
  const name = `sightline-${report.kind === 'tenant' ? report.tenantId : 'executive'}-${report.weekLabel}`;
  if (format.data === 'json') return json(200, { kind: 'tenant-weekly', tenant: { id: report.tenantId } });
  if (format.data === 'html') {
    const html = `<!doctype html><html><head><title>${name}</title></head><body><h1>${report.summary}</h1></body></html>`;
    res.writeHead(200, {
      'content-type': 'text/html; charset=utf-8',
      ...(state.csp === '' ? {} : { 'content-security-policy': state.csp }),
    });
    res.end(html);
    return;
  }
  res.writeHead(200, {
    'content-type': state.pdfContentType,
    'content-length': STUB_PDF.length,
    'content-disposition': `attachment; filename="${name}.pdf"`,
  });
  res.end(STUB_PDF);
}

function create(state: State, raw: unknown): [number, unknown] {
  const body = CreateBody.parse(raw);
  let tenantId = EXECUTIVE;
  if (body.kind === 'tenant') {
    if (!body.tenant) throw new StubProblem(400, 'tenant is required for a tenant report');
    if (!STUB_TENANTS.some((t) => t.id === body.tenant))
      throw new StubProblem(404, `no tenant ${body.tenant}`);
    tenantId = body.tenant;
  } else if (body.tenant)
    throw new StubProblem(400, 'an executive summary covers every tenant: leave tenant out');
  const week = body.week ?? LAST_COMPLETE_WEEK;
  if (week >= FIRST_OPEN_WEEK)
    throw new StubProblem(400, `week ${week} has not ended yet in UTC; reports cover complete weeks`);
  const found = state.reports.find(
    (r) => r.kind === body.kind && r.tenantId === tenantId && r.weekLabel === week,
  );
  if (found && !(body.force && (found.status === 'done' || found.status === 'failed')))
    return [body.force ? 202 : 200, { report: found }];
  const fresh: StubReport = {
    ...row(found?.id ?? Math.max(0, ...state.reports.map((r) => r.id)) + 1, body.kind, tenantId, week, false),
    status: 'queued',
    progress: 0,
    stage: 'queued',
    trigger: 'on-demand',
    requestedBy: body.requestedBy ?? null,
    attempts: 0,
    startedAt: null,
  };
  state.reports = [...state.reports.filter((r) => r.id !== fresh.id), fresh];
  return [202, { report: fresh }];
}
