import type { ServerResponse } from 'node:http';

/** Problem is an RFC 9457 problem details body. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  [extension: string]: unknown;
}

/** problemBody builds an RFC 9457 body; the type URI names the status class. */
export function problemBody(
  status: number,
  title: string,
  detail?: string,
  extra: Record<string, unknown> = {},
): Problem {
  return {
    type: `https://sightline.dev/problems/${title.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`,
    title,
    status,
    ...(detail ? { detail } : {}),
    ...extra,
  };
}

/** sendProblem writes an application/problem+json response on a bare node:http response. */
export function sendProblem(
  res: ServerResponse,
  status: number,
  title: string,
  detail?: string,
  headers: Record<string, string | number> = {},
): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const body = JSON.stringify(problemBody(status, title, detail));
  res.writeHead(status, {
    ...headers,
    'content-type': 'application/problem+json',
    'content-length': Buffer.byteLength(body),
  });
  res.end(body);
}
