import { HttpError } from '@sightline/http';

/** DependencyUnavailableError is a 503: an internal service did not answer in time (its URL is never echoed). */
export class DependencyUnavailableError extends HttpError {
  override name = 'DependencyUnavailableError';
  constructor(dependency: string, options?: { cause?: unknown }) {
    super(503, 'Service Unavailable', `${dependency} is unavailable`, {
      ...options,
      headers: { 'retry-after': '5' },
    });
  }
}

/** BadGatewayError is a 502: an internal service answered with something outside its contract. */
export class BadGatewayError extends HttpError {
  override name = 'BadGatewayError';
  constructor(dependency: string, options?: { cause?: unknown }) {
    super(502, 'Bad Gateway', `${dependency} gave an unexpected answer`, options);
  }
}
