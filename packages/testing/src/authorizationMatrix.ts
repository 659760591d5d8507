import type { Role } from '@sightline/contracts';
import { TestIssuer } from './TestIssuer';

// The machinery of a service's authorization matrix test: every route it registers × every role × own tenant, other
// tenant and a platform token, plus no token and a token from a signer auth never published. A test file keeps its
// table (MATRIX: one row per route, one expected code per column) and its requests (REQUESTS: what each row sends),
// and sends each cell's request itself; this module builds the columns and rows, checks the table's shape, and
// names an answer in the table's terms.

/** OWN_TENANT is the tenant of the matrix's tenant tokens, whose data the own columns ask for. */
export const OWN_TENANT = 'acme';

/** OTHER_TENANT is the tenant whose data the other-tenant and platform columns ask for, unless a row names another. */
export const OTHER_TENANT = 'globex';

/** MATRIX_ROLES are the six roles of the matrix's columns, in the order of the table's column groups. */
export const MATRIX_ROLES: readonly Role[] = [
  'super_admin',
  'sre',
  'tenant_admin',
  'developer',
  'executive',
  'viewer',
];

/** UNKNOWN_SIGNER_KEY is the key of the token of an unknown signer in the map matrixColumns reads. */
export const UNKNOWN_SIGNER_KEY = 'bad signer';

/** PROBLEM_JSON is the media type a refusal has unless its request says otherwise. */
export const PROBLEM_JSON = 'application/problem+json';

/** MatrixTable is the table of a matrix test: a row per route (and variant), its cells one code per column. */
export type MatrixTable = [row: string, cells: string][];

/** MatrixRequest is one request of a row; path and body are made when the cell runs. */
export interface MatrixRequest {
  method: string;
  /** path is read when the cell runs, so it may name something made in beforeAll. */
  path: () => string;
  /** body is made when the cell runs (a refresh token, say, is good once); undefined sends none. */
  body?: () => unknown;
  /** status is the 2xx status of an allowed cell. */
  status: number;
  /** target is whose data an allowed answer must show; unset, the answer holds no tenant data to check. */
  target?: string;
  /** refusal is the media type of a refusal: PROBLEM_JSON unless given. */
  refusal?: string;
}

/** MatrixRow is what a row sends: `own` in the own-tenant columns, `other` in every other column. */
export interface MatrixRow<R extends MatrixRequest = MatrixRequest> {
  own: R;
  other: R;
}

/** AimedRowOptions shape an aimedRow beyond its method and path. */
export interface AimedRowOptions<T extends string> {
  /** body makes the body of the request about tenant t. */
  body?: (t: T) => unknown;
  /** status is the 2xx status of an allowed cell; 200 unless given. */
  status?: number;
  /** shows: false says an allowed answer holds no tenant data (a 204, a PDF), so only its status counts. */
  shows?: false;
}

/** aimedRow makes a row whose own request is about OWN_TENANT and whose other request is about `other`. */
export function aimedRow<O extends string = typeof OTHER_TENANT>(
  method: string,
  path: (t: typeof OWN_TENANT | O) => string,
  more: AimedRowOptions<typeof OWN_TENANT | O> & { other?: O } = {},
): MatrixRow {
  const one = (t: typeof OWN_TENANT | O): MatrixRequest => ({
    method,
    path: () => path(t),
    status: more.status ?? 200,
    ...(more.body === undefined ? {} : { body: () => more.body!(t) }),
    ...(more.shows === false ? {} : { target: t }),
  });
  return { own: one(OWN_TENANT), other: one(more.other ?? (OTHER_TENANT as O)) };
}

/** SameRowOptions shape a sameRow beyond its method and path; a test may add fields of its own. */
export interface SameRowOptions {
  /** body makes the request's body when the cell runs. */
  body?: () => unknown;
  /** status is the 2xx status of an allowed cell; 200 unless given. */
  status?: number;
  /** target is whose data an allowed answer must show; unset, only the status counts. */
  target?: string;
  /** refusal is the media type of a refusal: PROBLEM_JSON unless given. */
  refusal?: string;
}

/** sameRow makes a row that sends one request whatever the column: the route takes no tenant. */
export function sameRow<X extends SameRowOptions = SameRowOptions>(
  method: string,
  path: string,
  more: X = {} as X,
): MatrixRow<MatrixRequest & X> {
  const one = { method, path: () => path, status: more.status ?? 200, ...more } as MatrixRequest & X;
  return { own: one, other: one };
}

/** MatrixColumn is one principal of the matrix and which of the row's two requests it sends. */
export interface MatrixColumn {
  name: string;
  /** token is the column's bearer token, read when the cell runs; undefined sends none. */
  token: () => string | undefined;
  /** tenant is the token's tenant: null for a platform token, undefined without a valid token. */
  tenant: string | null | undefined;
  request: 'own' | 'other';
}

/** matrixTokenKey is the key of a role's token of OWN_TENANT (or of the platform, for null) in the token map. */
export function matrixTokenKey(tenant: typeof OWN_TENANT | null, role: Role): string {
  return `${tenant ?? 'platform'} ${role}`;
}

/**
 * matrixColumns makes the matrix's 20 columns, in the table's order: the six roles of OWN_TENANT asking about their
 * own tenant, the same asking about the other, the six roles with a platform token asking about the other, then no
 * token and a token of an unknown signer. Each reads its token from `tokens` when its cell runs (matrixTokenKey and
 * UNKNOWN_SIGNER_KEY); `otherLabel` names the other tenant in the column names.
 */
export function matrixColumns(
  tokens: ReadonlyMap<string, string>,
  { otherLabel = OTHER_TENANT }: { otherLabel?: string } = {},
): MatrixColumn[] {
  const group = (tenant: typeof OWN_TENANT | null, request: 'own' | 'other') =>
    MATRIX_ROLES.map((r): MatrixColumn => ({
      name: `${tenant === null ? `platform ${r}` : `${r} of ${tenant}`} → ${request === 'own' ? tenant : otherLabel}`,
      token: () => tokens.get(matrixTokenKey(tenant, r)),
      tenant,
      request,
    }));
  return [
    ...group(OWN_TENANT, 'own'),
    ...group(OWN_TENANT, 'other'),
    ...group(null, 'other'),
    { name: 'no token', token: () => undefined, tenant: undefined, request: 'other' },
    {
      name: 'token of an unknown signer',
      token: () => tokens.get(UNKNOWN_SIGNER_KEY),
      tenant: undefined,
      request: 'other',
    },
  ];
}

/**
 * signMatrixTokens puts into `tokens` a token of issuer for every role of OWN_TENANT and of the platform, and one of
 * a stranger under issuer's key id, so that the service checks the signature rather than looking for another key.
 */
export async function signMatrixTokens(issuer: TestIssuer, tokens: Map<string, string>): Promise<void> {
  for (const r of MATRIX_ROLES)
    for (const tenant of [OWN_TENANT, null] as const)
      tokens.set(
        matrixTokenKey(tenant, r),
        await issuer.sign({ tenant, roles: [r], sub: `${tenant ?? 'platform'}-${r}` }),
      );
  const stranger = await TestIssuer.create(issuer.kid);
  tokens.set(UNKNOWN_SIGNER_KEY, await stranger.sign({ tenant: null, roles: ['super_admin'] }));
}

/** routeOf is the route a table row is about: the row without its bracketed variant. */
export function routeOf(row: string): string {
  return row.replace(/ \(.*\)$/, '');
}

/** parseCells splits a row's cells into one code per column; `|` only groups the columns for the eye. */
export function parseCells(cells: string): string[] {
  return cells.split('|').flatMap((group) => group.trim().split(/\s+/));
}

/** MatrixShape is what matrixShapeProblems checks: the table, its requests, the service's routes and columns. */
export interface MatrixShape {
  table: MatrixTable;
  requests: Readonly<Record<string, MatrixRow>>;
  /** routes are the "METHOD /path" routes the service registers (registeredRoutes). */
  routes: readonly string[];
  /** codes are the codes a cell may hold. */
  codes: ReadonlySet<string>;
  columns: readonly MatrixColumn[];
}

/**
 * matrixShapeProblems lists what is wrong with a matrix's shape, none when it has one table row and one request for
 * every route the service registers and for no other, every request really reaches its row's route (a row of method
 * `*` takes any method), and every row has one known code per column.
 */
export function matrixShapeProblems({ table, requests, routes, codes, columns }: MatrixShape): string[] {
  const problems: string[] = [];
  const rows = table.map(([row]) => row);
  const tabled = new Set(rows.map(routeOf));
  const registered = new Set(routes);
  for (const route of registered) {
    if (routes.filter((r) => r === route).length > 1) problems.push(`${route}: registered more than once`);
    if (!tabled.has(route)) problems.push(`${route}: registered, but no row of the table`);
  }
  for (const route of tabled)
    if (!registered.has(route)) problems.push(`${route}: in the table, but not registered`);
  for (const row of new Set(rows))
    if (rows.filter((r) => r === row).length > 1) problems.push(`${row}: more than one row`);
  for (const row of Object.keys(requests))
    if (!rows.includes(row)) problems.push(`${row}: a request, but no row of the table`);
  for (const [row, cells] of table) {
    const found = parseCells(cells);
    if (found.length !== columns.length)
      problems.push(`${row}: ${found.length} cells for ${columns.length} columns`);
    const unknown = found.filter((c) => !codes.has(c));
    if (unknown.length > 0) problems.push(`${row}: unknown codes ${unknown.join(', ')}`);
    const sends = requests[row];
    if (sends === undefined) {
      problems.push(`${row}: no request`);
      continue;
    }
    const [method, pattern] = routeOf(row).split(' ') as [string, string];
    const matcher = new RegExp(`^${pattern.replace(/:[A-Za-z]+/g, '[^/]+')}$`);
    for (const [which, req] of [
      ['own', sends.own],
      ['other', sends.other],
    ] as const) {
      const path = req.path();
      if ((method !== '*' && req.method !== method) || !matcher.test(path.split('?')[0]!))
        problems.push(`${row}: the ${which} request, ${req.method} ${path}, does not reach the route`);
    }
  }
  return problems;
}

/** MatrixAnswer is what came back for one cell: its status, content-type and body. */
export interface MatrixAnswer {
  status: number;
  contentType?: string | null;
  text: string;
}

/** TenantMarks maps each tenant whose data an answer may hold to the strings that give that data away. */
export type TenantMarks = Readonly<Record<string, readonly string[]>>;

/** tenantMarks makes the TenantMarks of the given tenants from one rule. */
export function tenantMarks(
  tenants: readonly string[],
  marks: (t: string) => readonly string[],
): TenantMarks {
  return Object.fromEntries(tenants.map((t) => [t, marks(t)]));
}

/**
 * cellOutcome names an answer in the table's terms:
 *
 *   4xx, 5xx  its status, then " (not problem+json)" (or the request's refusal type) when the content-type is not it
 *   2xx       its status when not the request's; else 'ok' when the answer shows the target's data (or the request
 *             has no target), 'nil' when it shows no tenant's data, "someone else’s data" when another's
 *
 * and adds ", leaking X’s data" for every tenant whose marks a refusal holds, and, given `confinedTo` (the tenant of
 * a tenant token), for every other tenant whose marks an allowed answer holds.
 */
export function cellOutcome(
  answer: MatrixAnswer,
  req: Pick<MatrixRequest, 'status' | 'target' | 'refusal'>,
  marks: TenantMarks,
  confinedTo?: string | null,
): string {
  const tenants = Object.keys(marks);
  const shows = (t: string) => (marks[t] ?? []).some((m) => answer.text.includes(m));
  let code: string;
  let leaked: string[];
  if (answer.status < 200 || answer.status > 299) {
    const refusal = req.refusal ?? PROBLEM_JSON;
    code = String(answer.status);
    if (!(answer.contentType ?? '').startsWith(refusal))
      code += ` (not ${refusal.replace(/^application\//, '')})`;
    leaked = tenants.filter(shows);
  } else {
    if (answer.status !== req.status) code = String(answer.status);
    else if (req.target === undefined || shows(req.target)) code = 'ok';
    else code = tenants.some(shows) ? 'someone else’s data' : 'nil';
    leaked = typeof confinedTo === 'string' ? tenants.filter((t) => t !== confinedTo && shows(t)) : [];
  }
  return leaked.length === 0 ? code : `${code}, leaking ${leaked.join(' and ')}’s data`;
}

/**
 * rowMismatches runs a row's cells one column after another with `outcome` and lists each column whose outcome is
 * not the code its cell expects, as "<column>: expected <code>, got <outcome>".
 */
export async function rowMismatches(
  cells: string,
  columns: readonly MatrixColumn[],
  outcome: (column: MatrixColumn) => Promise<string>,
): Promise<string[]> {
  const expected = parseCells(cells);
  const mismatches: string[] = [];
  for (const [i, column] of columns.entries()) {
    const got = await outcome(column);
    if (got !== expected[i]) mismatches.push(`${column.name}: expected ${expected[i]}, got ${got}`);
  }
  return mismatches;
}
