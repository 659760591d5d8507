export {
  HttpError,
  BadRequestError,
  UnauthorizedError,
  ForbiddenError,
  NotFoundError,
  PayloadTooLargeError,
  UnsupportedMediaTypeError,
  TooManyRequestsError,
  ConflictError,
} from './HttpError';
export { problemBody, sendProblem } from './problem';
export type { Problem } from './problem';
export { errorMiddleware, notFoundHandler, statusOf } from './errorMiddleware';
export type { ErrorLogger } from './errorMiddleware';
export { listen, closeServer } from './listen';
export { healthRoutes } from './healthRoutes';
export type { HealthOptions } from './healthRoutes';
export { DependencyUnavailableError, BadGatewayError } from './DependencyUnavailableError';
export { refuseUnstorableText } from './refuseUnstorableText';
export { requireInternalToken } from './requireInternalToken';
export { InternalService } from './InternalService';
export type { InternalServiceOptions } from './InternalService';
export { tenantErasureRoute } from './tenantErasureRoute';
export type { TenantEraser, TenantErasureRouteOptions } from './tenantErasureRoute';
