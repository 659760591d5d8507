import type { ErrorRequestHandler, RequestHandler } from 'express';
import { ZodError } from 'zod';
import { HttpError } from './HttpError';
import { problemBody } from './problem';

/** ErrorLogger is the part of a logger errorMiddleware needs. */
export interface ErrorLogger {
  error(obj: object, msg: string): void;
}

/** statusOf maps any thrown value to its HTTP status: named errors, body-parser errors, zod errors, else 500. */
export function statusOf(err: unknown): { status: number; title: string; detail: string } {
  if (err instanceof HttpError) return { status: err.status, title: err.title, detail: err.message };
  if (err instanceof ZodError) {
    const i = err.issues[0];
    return {
      status: 400,
      title: 'Bad Request',
      detail: i ? `${i.path.join('.') || 'body'}: ${i.message}` : 'invalid input',
    };
  }
  const e = err as { type?: string; status?: number; message?: string };
  if (e?.type === 'entity.too.large')
    return { status: 413, title: 'Payload Too Large', detail: 'request body too large' };
  if (e?.type === 'entity.parse.failed')
    return { status: 400, title: 'Bad Request', detail: 'malformed JSON body' };
  if (typeof e?.status === 'number' && e.status >= 400 && e.status < 500) {
    return { status: e.status, title: 'Bad Request', detail: e.message ?? 'bad request' };
  }
  return { status: 500, title: 'Internal Server Error', detail: 'internal error' };
}

/** errorMiddleware turns errors into problem+json; 5xx details are logged, never sent to the client. */
export function errorMiddleware(logger: ErrorLogger): ErrorRequestHandler {
  return (err, req, res, _next) => {
    const { status, title, detail } = statusOf(err);
    if (status >= 500) logger.error({ err, path: req.path }, 'request failed');
    if (err instanceof HttpError) res.set(err.headers);
    res
      .status(status)
      .type('application/problem+json')
      .send(JSON.stringify(problemBody(status, title, detail)));
  };
}

/** notFoundHandler answers unknown routes with a 404 problem. */
export const notFoundHandler: RequestHandler = (req, res) => {
  res
    .status(404)
    .type('application/problem+json')
    .send(JSON.stringify(problemBody(404, 'Not Found', `no route for ${req.method} ${req.path}`)));
};
