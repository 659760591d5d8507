import { HttpError } from '@sightline/http';

// These belong in @sightline/http beside the other HttpError classes; they live here until it is changed.

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
