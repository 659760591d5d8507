/**
 * upstreamDetail reads an internal service's problem+json `detail`. Only its short validation message is passed
 * on, never more than a line of it, and the fallback when there is none.
 */
export async function upstreamDetail(res: Response, fallback: string): Promise<string> {
  const body = (await res.json().catch(() => undefined)) as { detail?: unknown } | undefined;
  const detail = typeof body?.detail === 'string' ? body.detail.slice(0, 200) : '';
  return detail === '' ? fallback : detail;
}
