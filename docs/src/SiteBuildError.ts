/** SiteBuildError is every problem that stops the docs build, each naming the file it was found in. */
export class SiteBuildError extends Error {
  override readonly name = 'SiteBuildError';

  constructor(readonly problems: readonly string[]) {
    super(`the docs site was not built:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}
