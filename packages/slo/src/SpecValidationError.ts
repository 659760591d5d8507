/** SpecValidationError says which spec file is wrong, where in it (e.g. `slos[0].objective`) and why. */
export class SpecValidationError extends Error {
  override readonly name = 'SpecValidationError';

  constructor(
    readonly file: string,
    readonly path: string,
    readonly reason: string,
  ) {
    super(`${file}: ${path || '(root)'}: ${reason}`);
  }
}
