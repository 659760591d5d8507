/** readProblemDetail returns a problem+json response's `detail` (or `title`), or a fallback naming the status. */
export async function readProblemDetail(response: Response, fallback: string): Promise<string> {
  try {
    const body: unknown = await response.json();
    if (typeof body === 'object' && body !== null) {
      const { detail, title } = body as { detail?: unknown; title?: unknown };
      if (typeof detail === 'string' && detail.trim() !== '') return detail;
      if (typeof title === 'string' && title.trim() !== '') return title;
    }
  } catch {
    // Not JSON (a proxy's HTML error page, say): fall through to the generic message.
  }
  return `${fallback} (HTTP ${response.status})`;
}
