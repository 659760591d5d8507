/** HttpError is a named error that maps to an HTTP status and an RFC 9457 problem type. */
export class HttpError extends Error {
  override name = 'HttpError';
  constructor(
    readonly status: number,
    readonly title: string,
    detail: string,
    options?: { cause?: unknown; headers?: Record<string, string> },
  ) {
    super(detail, options);
    this.headers = options?.headers ?? {};
  }
  readonly headers: Record<string, string>;
}

/** BadRequestError is a 400: the request is malformed. */
export class BadRequestError extends HttpError {
  override name = 'BadRequestError';
  constructor(detail: string, options?: { cause?: unknown }) {
    super(400, 'Bad Request', detail, options);
  }
}

/** UnauthorizedError is a 401: no or invalid credentials. */
export class UnauthorizedError extends HttpError {
  override name = 'UnauthorizedError';
  constructor(detail = 'missing or invalid credentials') {
    super(401, 'Unauthorized', detail, { headers: { 'www-authenticate': 'Bearer' } });
  }
}

/** ForbiddenError is a 403: authenticated but not allowed (wrong role or tenant). */
export class ForbiddenError extends HttpError {
  override name = 'ForbiddenError';
  constructor(detail = 'not allowed') {
    super(403, 'Forbidden', detail);
  }
}

/** NotFoundError is a 404. */
export class NotFoundError extends HttpError {
  override name = 'NotFoundError';
  constructor(detail = 'not found') {
    super(404, 'Not Found', detail);
  }
}

/** PayloadTooLargeError is a 413. */
export class PayloadTooLargeError extends HttpError {
  override name = 'PayloadTooLargeError';
  constructor(detail = 'request body too large') {
    super(413, 'Payload Too Large', detail);
  }
}

/** UnsupportedMediaTypeError is a 415. */
export class UnsupportedMediaTypeError extends HttpError {
  override name = 'UnsupportedMediaTypeError';
  constructor(detail: string) {
    super(415, 'Unsupported Media Type', detail);
  }
}

/** TooManyRequestsError is a 429 carrying Retry-After in seconds. */
export class TooManyRequestsError extends HttpError {
  override name = 'TooManyRequestsError';
  constructor(detail: string, retryAfterSeconds: number) {
    super(429, 'Too Many Requests', detail, { headers: { 'retry-after': String(retryAfterSeconds) } });
  }
}

/** ConflictError is a 409: the request clashes with existing state (e.g. a taken email). */
export class ConflictError extends HttpError {
  override name = 'ConflictError';
  constructor(detail: string) {
    super(409, 'Conflict', detail);
  }
}
