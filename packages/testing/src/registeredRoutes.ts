import type { Express } from 'express';

// router 2.x lists a router's routes and mounted routers; @types/express does not declare it yet.
interface ListedRouter {
  listRoutes(): { path: string | RegExp; methods: string[] | undefined; router: ListedRouter | undefined }[];
}

/**
 * registeredRoutes lists every route an express app serves as "METHOD /path" (the path as registered, with its
 * `:params`), following mounted routers. The HEAD that express adds to every GET is left out.
 */
export function registeredRoutes(app: Express): string[] {
  const walk = (router: ListedRouter, prefix: string): string[] =>
    router.listRoutes().flatMap(({ path, methods, router: mounted }) => {
      const full = `${prefix}${path === '/' ? '' : String(path)}`;
      if (mounted) return walk(mounted, full);
      return (methods ?? []).filter((m) => m !== 'HEAD').map((m) => `${m.toUpperCase()} ${full || '/'}`);
    });
  return walk(app.router as unknown as ListedRouter, '');
}
