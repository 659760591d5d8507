import type { ServerResponse } from 'node:http';
import { problemBody } from '@sightline/http';
import { withStagedHeaders } from './stagedHeaders';

/**
 * writeProblem answers with an RFC 9457 application/problem+json body, with extension members and extra
 * headers; a response that already started is cut off instead, since its status can no longer change.
 */
export function writeProblem(
  res: ServerResponse,
  status: number,
  title: string,
  detail: string,
  headers: Record<string, string | number> = {},
  extensions: Record<string, unknown> = {},
): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const body = JSON.stringify(problemBody(status, title, detail, extensions));
  headers['content-type'] = 'application/problem+json';
  headers['content-length'] = Buffer.byteLength(body);
  res.writeHead(status, withStagedHeaders(res, headers));
  res.end(body);
}
