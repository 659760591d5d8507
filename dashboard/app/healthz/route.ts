/** GET /healthz is the console's liveness: the Next.js server answers. */
export const dynamic = 'force-dynamic';

/** GET answers 200 while the server runs. */
export function GET(): Response {
  return Response.json({ status: 'ok' }, { headers: { 'cache-control': 'no-store' } });
}
