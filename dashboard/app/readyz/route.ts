import { readApiUrl } from '../../lib/readApiUrl';

/** GET /readyz is the console's readiness: every page needs the api, so the console is ready when the api is. */
export const dynamic = 'force-dynamic';

/** GET answers 200 when the api's /healthz answers within 2 s, else 503 with the reason. */
export async function GET(): Promise<Response> {
  const headers = { 'cache-control': 'no-store' };
  try {
    const res = await fetch(`${readApiUrl()}/healthz`, {
      signal: AbortSignal.timeout(2000),
      cache: 'no-store',
    });
    await res.body?.cancel();
    if (res.ok) return Response.json({ status: 'ready' }, { headers });
    return Response.json(
      { status: 'unready', reason: `api answered ${res.status}` },
      { status: 503, headers },
    );
  } catch {
    return Response.json({ status: 'unready', reason: 'api unreachable' }, { status: 503, headers });
  }
}
