import type { Pool } from 'undici';
import type { RouteSpec } from './RouteSpec';
import { normalizePrefix } from './RouteSpec';

/** Route is a route table entry ready for the hot path, with its upstream's keep-alive pool. */
export interface Route {
  /** The normalized prefix; also the `route` metric label. */
  name: string;
  prefix: string;
  stripPrefix: boolean;
  credentials: boolean;
  endpointClass: string;
  maxBodyBytes: number;
  pool: Pool;
}

/**
 * RouteTable finds the route of a path by longest matching prefix (on segment boundaries); upstream pools are
 * shared between routes that point at one origin.
 */
export class RouteTable {
  private readonly routes: Route[];

  constructor(specs: readonly RouteSpec[], defaultMaxBodyBytes: number, poolFor: (origin: string) => Pool) {
    this.routes = specs
      .map((s) => {
        const prefix = normalizePrefix(s.prefix);
        return {
          name: prefix,
          prefix,
          stripPrefix: s.stripPrefix && prefix !== '/',
          credentials: s.credentials,
          endpointClass: s.endpointClass,
          maxBodyBytes: s.maxBodyBytes ?? defaultMaxBodyBytes,
          pool: poolFor(new URL(s.upstream).origin),
        };
      })
      .sort((a, b) => b.prefix.length - a.prefix.length);
  }

  /** match returns the route of path, or undefined when no prefix matches. */
  match(path: string): Route | undefined {
    for (const r of this.routes) {
      if (r.prefix === '/') return r;
      if (
        path.startsWith(r.prefix) &&
        (path.length === r.prefix.length || path.charCodeAt(r.prefix.length) === 47)
      )
        return r;
    }
    return undefined;
  }

  /** classes lists every endpoint class of the table, split by whether its routes carry tenant credentials. */
  classes(): { tenant: string[]; ip: string[] } {
    const tenant = new Set<string>();
    const ip = new Set<string>();
    for (const r of this.routes) (r.credentials ? tenant : ip).add(r.endpointClass);
    return { tenant: [...tenant], ip: [...ip] };
  }

  /** all returns the routes, longest prefix first. */
  all(): readonly Route[] {
    return this.routes;
  }
}
