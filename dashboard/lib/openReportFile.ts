import { readProblemDetail } from './readProblemDetail';

/** ReportFileResult is the outcome of opening a report's PDF or HTML: done, a sign-in needed, or why not. */
export type ReportFileResult =
  { kind: 'ok'; fileName: string } | { kind: 'unauthorized' } | { kind: 'error'; message: string };

// The policy the api serves a report's HTML with when it sends none: nothing in the report may load or run.
const FALLBACK_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";
// Long enough for the new tab to load the HTML, or the browser to save the PDF; then the memory is given back.
const REVOKE_AFTER_MS = 60_000;

function fileNameOf(disposition: string | null): string | null {
  const match = /filename="([A-Za-z0-9._-]{1,200})"/.exec(disposition ?? '');
  return match?.[1] ?? null;
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}

// A blob URL is the console's own origin, where the token lives, so the api's Content-Security-Policy header is
// carried into the document itself: the report then cannot run anything there either.
function withPolicy(html: string, policy: string): string {
  const meta = `<meta http-equiv="Content-Security-Policy" content="${escapeAttribute(policy)}">`;
  const head = /<head(?:\s[^>]*)?>/i.exec(html);
  if (head === null) return `${meta}${html}`;
  const at = head.index + head[0].length;
  return `${html.slice(0, at)}${meta}${html.slice(at)}`;
}

/**
 * openReportFile fetches a finished report's PDF or HTML with the bearer token (a plain link cannot send it), then
 * saves the PDF under the api's file name, or opens the HTML in a new tab, through a short-lived blob URL.
 */
export async function openReportFile(
  apiUrl: string,
  token: string,
  id: number,
  format: 'pdf' | 'html',
): Promise<ReportFileResult> {
  let response: Response;
  try {
    response = await fetch(`${apiUrl}/v1/reports/${id}/${format}`, {
      headers: {
        authorization: `Bearer ${token}`,
        accept: `${format === 'pdf' ? 'application/pdf' : 'text/html'}, application/problem+json`,
      },
    });
  } catch {
    return { kind: 'error', message: 'Cannot reach the Sightline api.' };
  }
  if (response.status === 401) return { kind: 'unauthorized' };
  if (!response.ok)
    return { kind: 'error', message: await readProblemDetail(response, 'The download failed') };
  const fileName =
    fileNameOf(response.headers.get('content-disposition')) ?? `sightline-report-${id}.${format}`;
  const blob =
    format === 'html'
      ? new Blob(
          [
            withPolicy(
              await response.text(),
              response.headers.get('content-security-policy') ?? FALLBACK_CSP,
            ),
          ],
          {
            type: 'text/html',
          },
        )
      : new Blob([await response.arrayBuffer()], { type: 'application/pdf' });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  if (format === 'pdf') link.download = fileName;
  else {
    link.target = '_blank';
    link.rel = 'noopener';
  }
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), REVOKE_AFTER_MS);
  return { kind: 'ok', fileName };
}
