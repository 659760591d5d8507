/** TimeWindowError says which field of a time window is wrong and why. */
export class TimeWindowError extends Error {
  override readonly name = 'TimeWindowError';

  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}
