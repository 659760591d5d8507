import fc from 'fast-check';
import type { ApiOperation } from './fuzzApiTargets';
import { operationRequests } from './fuzzApiTargets';
import { fuzzAuthHeader } from './fuzzAuthHeader';
import { fuzzPast } from './fuzzPast';
import type { FuzzRoute } from './fuzzRoutes';
import { fuzzRoutes } from './fuzzRoutes';
import type { SchemaContext } from './fuzzSchema';
import type { FuzzStage } from './fuzzStage';
import type { FuzzTarget } from './fuzzTarget';

/** ALERTING_PREFIXES map the api's alert engine paths to alerting's own, as api/src/clients forwards them. */
const ALERTING_PREFIXES: [string, string][] = [
  ['/v1/alert-groups', '/internal/v1/groups'],
  ['/v1/alerting/', '/internal/v1/'],
  ['/v1/alerts', '/internal/v1/alerts'],
  ['/v1/silences', '/internal/v1/silences'],
  ['/v1/slo-alerts', '/internal/v1/slo-alerts'],
];
const SLOS = /^\/v1\/tenants\/\{id\}\/slos/;

/** REPORTING_ROUTES are alerting's reporting endpoints, which only the reports service calls. */
const REPORTING_ROUTES: FuzzRoute[] = ['incidents', 'maintenance'].map((what) => ({
  method: 'GET',
  path: `/internal/v1/reporting/${what}`,
  query: {
    tenant: fc.constantFrom('acme', 'globex', 'initech'),
    from: fuzzPast(500 * 86_400_000, 7 * 86_400_000),
    to: fuzzPast(7 * 86_400_000, 0),
  },
}));

const caller = fc.record({
  'x-sightline-actor': fc.oneof(
    { arbitrary: fc.constantFrom('fuzz-sre', 'pagerduty:Dana', 'a@b.c'), weight: 8 },
    { arbitrary: fc.constantFrom('', 'not an actor!', 'a'.repeat(200)), weight: 1 },
  ),
  'x-sightline-tenant': fc.oneof(
    { arbitrary: fc.constant(''), weight: 6 },
    { arbitrary: fc.constantFrom('acme', 'globex'), weight: 3 },
    { arbitrary: fc.constantFrom('Not A Tenant', '-', 'x'.repeat(80)), weight: 1 },
  ),
});

/**
 * fuzzAlertingApiTarget is alerting's internal API as the api and reports call it (internal token, caller headers):
 * every alert engine operation of the api's OpenAPI document on its alerting path, and the reporting endpoints, so
 * alerting's own validation sees hostile input the api would have stopped.
 */
export function fuzzAlertingApiTarget(
  stage: FuzzStage,
  operations: ApiOperation[],
  ctx: SchemaContext,
): FuzzTarget {
  const mapped = operations.filter(
    (o) => SLOS.test(o.path) || ALERTING_PREFIXES.some(([p]) => o.path.startsWith(p)),
  );
  const rewrite = (path: string) => {
    const hit = ALERTING_PREFIXES.find(([p]) => path.startsWith(p));
    return hit ? hit[1] + path.slice(hit[0].length) : `/internal${path}`;
  };
  const engine = fc.oneof(...mapped.map((o) => operationRequests(o, ctx, stage.internalToken)));
  const reporting = fuzzRoutes(REPORTING_ROUTES, fuzzAuthHeader(stage.internalToken));
  return {
    name: `alerting internal API (${mapped.length + REPORTING_ROUTES.length} operations)`,
    service: 'alerting',
    requests: fc
      .tuple(fc.oneof({ arbitrary: engine, weight: 8 }, { arbitrary: reporting, weight: 1 }), caller)
      .map(([r, who]) => {
        const headers: Record<string, string> = {
          ...r.headers,
          'x-sightline-actor': who['x-sightline-actor'],
        };
        if (who['x-sightline-tenant'] !== '') headers['x-sightline-tenant'] = who['x-sightline-tenant'];
        return { ...r, path: r.path.startsWith('/internal/') ? r.path : rewrite(r.path), headers };
      }),
  };
}
