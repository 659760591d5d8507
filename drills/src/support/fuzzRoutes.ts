import fc from 'fast-check';
import { fuzzBody } from './fuzzBody';
import { fuzzMutate } from './fuzzMutate';
import { fuzzQuery, pct } from './fuzzQuery';
import type { FuzzRequest } from './fuzzTarget';
import { hostileString } from './fuzzValues';

/** FuzzRoute describes one route by hand, as its code reads: path parameters, query parameters and a valid body. */
export interface FuzzRoute {
  method: string;
  /** path names its parameters as `:name`. */
  path: string;
  params?: Record<string, fc.Arbitrary<string>>;
  query?: Record<string, fc.Arbitrary<string>>;
  /** body generates valid bodies; fuzzMutate and fuzzBody make them hostile. */
  body?: fc.Arbitrary<unknown>;
  /** weight is how often the route is drawn against the others' 10 (a route with no input to vary needs few draws). */
  weight?: number;
}

const RAW_SEGMENTS = ['%zz', '%', '..', '%2F', '%00', '%C0%AE', '.', '%E0%A4%A'];

/**
 * fuzzRoutes generates requests for a table of routes: each path parameter is a valid value, a hostile string or a
 * raw piece that is not valid percent-encoding; queries and bodies are made hostile as fuzzQuery and fuzzBody do.
 */
export function fuzzRoutes(
  routes: readonly FuzzRoute[],
  headers: fc.Arbitrary<Record<string, string>>,
): fc.Arbitrary<FuzzRequest> {
  return fc.oneof(...routes.map((r) => ({ weight: r.weight ?? 10, arbitrary: route(r, headers) })));
}

function route(r: FuzzRoute, headers: fc.Arbitrary<Record<string, string>>): fc.Arbitrary<FuzzRequest> {
  const names = [...r.path.matchAll(/:(\w+)/g)].map((m) => m[1]!);
  const params = fc.tuple(
    ...names.map((n) =>
      fc.oneof(
        { arbitrary: (r.params?.[n] ?? fc.string({ maxLength: 12 })).map(pct), weight: 6 },
        { arbitrary: hostileString.map((s) => pct(s.slice(0, 300))), weight: 2 },
        { arbitrary: fc.constantFrom(...RAW_SEGMENTS), weight: 1 },
      ),
    ),
  );
  const query = r.query ? fuzzQuery(r.query) : fc.constant('');
  const body = r.body ? fuzzBody(fuzzMutate(r.body)) : fc.constant(undefined);
  return fc.tuple(params, query, body, headers).map(([values, q, b, h]): FuzzRequest => {
    const path = names.reduce((p, n, i) => p.replace(`:${n}`, values[i]!), r.path);
    return {
      method: r.method,
      path: q === '' ? path : `${path}?${q}`,
      headers: { ...(b?.headers ?? {}), ...h },
      ...(b ? { body: b.body } : {}),
    };
  });
}
