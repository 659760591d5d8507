import { z } from 'zod';

/** ENDPOINT_CLASS is the shape of an endpoint class name: it becomes part of Redis keys and metric labels. */
export const ENDPOINT_CLASS = /^[a-z][a-z0-9_-]{0,31}$/;

/** RouteSpec is one entry of the route table (ROUTES_JSON): a path prefix and where and how it is proxied. */
export const RouteSpec = z.object({
  /** Path prefix, matched on whole segments: `/auth` matches `/auth` and `/auth/x`, not `/authx`. */
  prefix: z
    .string()
    .regex(/^\/[A-Za-z0-9._~/-]*$/, 'must be an absolute path of URL-safe characters')
    .max(200),
  upstream: z.string().refine((v) => {
    try {
      return ['http:', 'https:'].includes(new URL(v).protocol);
    } catch {
      return false;
    }
  }, 'must be an http(s) URL'),
  /** Whether a tenant credential (API key or access JWT) is required; routes without are limited per client IP. */
  credentials: z.boolean(),
  endpointClass: z.string().regex(ENDPOINT_CLASS, 'must match [a-z][a-z0-9_-]{0,31}'),
  /** Remove the prefix before forwarding (`/auth/v1/login` → `/v1/login`). */
  stripPrefix: z.boolean().default(false),
  /** Request body limit for this route; MAX_BODY_BYTES when absent. */
  maxBodyBytes: z.number().int().positive().optional(),
});
/** RouteSpec is one entry of the route table. */
export type RouteSpec = z.output<typeof RouteSpec>;

/** RouteTableSpec is the whole ROUTES_JSON document: at least one route, prefixes unique. */
export const RouteTableSpec = z
  .array(RouteSpec)
  .min(1)
  .max(100)
  .refine((routes) => new Set(routes.map((r) => normalizePrefix(r.prefix))).size === routes.length, {
    message: 'prefixes must be unique',
  });

/** normalizePrefix drops trailing slashes, keeping `/` for the catch-all route. */
export function normalizePrefix(prefix: string): string {
  const p = prefix.replace(/\/+$/, '');
  return p === '' ? '/' : p;
}

/** defaultRoutes is the route table when ROUTES_JSON is unset: `/auth/` to auth (IP-limited), the rest upstream. */
export function defaultRoutes(authUrl: string, upstreamUrl: string): RouteSpec[] {
  return [
    { prefix: '/auth/', upstream: authUrl, credentials: false, endpointClass: 'auth', stripPrefix: true },
    { prefix: '/', upstream: upstreamUrl, credentials: true, endpointClass: 'data', stripPrefix: false },
  ];
}
