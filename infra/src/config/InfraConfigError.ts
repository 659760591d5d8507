/** InfraConfigError says which context key (`-c key=value`) holds a value the CDK app cannot use. */
export class InfraConfigError extends Error {
  override readonly name = 'InfraConfigError';

  constructor(
    readonly key: string,
    message: string,
  ) {
    super(`context "${key}": ${message}`);
  }
}
