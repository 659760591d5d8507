import type { ServerResponse } from 'node:http';

const STAGED = Symbol('sightline.stagedHeaders');

/** StagedHeaders are response headers the gateway adds to whatever answer a request ends with. */
export type StagedHeaders = Record<string, string>;

type Staging = ServerResponse & { [STAGED]?: StagedHeaders };

/**
 * stageHeaders attaches the gateway's own response headers to res without res.setHeader: once setHeader has been
 * called, Node's writeHead re-validates every upstream header one setHeader at a time, which the proxied (hot)
 * path avoids by passing one plain object to writeHead.
 */
export function stageHeaders(res: ServerResponse, headers: StagedHeaders): StagedHeaders {
  (res as Staging)[STAGED] = headers;
  return headers;
}

/** stagedHeadersOf returns what stageHeaders attached to res, if anything. */
export function stagedHeadersOf(res: ServerResponse): StagedHeaders | undefined {
  return (res as Staging)[STAGED];
}

/**
 * withStagedHeaders merges the staged headers into headers about to be passed to writeHead; a header of the same
 * name in headers wins, as it did when the staged ones were set with setHeader before writeHead.
 */
export function withStagedHeaders<T extends Record<string, unknown>>(res: ServerResponse, headers: T): T {
  const staged = (res as Staging)[STAGED];
  if (staged === undefined) return headers;
  const out = headers as Record<string, unknown>;
  for (const name in staged) if (out[name] === undefined) out[name] = staged[name];
  return headers;
}
