/** BodyTooLargeError aborts a streamed request body once it passes its route's limit. */
export class BodyTooLargeError extends Error {
  override readonly name = 'BodyTooLargeError';
}
