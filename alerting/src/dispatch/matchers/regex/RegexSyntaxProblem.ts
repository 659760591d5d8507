/** RegexSyntaxProblem is why a regex source was refused and the UTF-16 offset in the source where. */
export class RegexSyntaxProblem extends Error {
  override readonly name = 'RegexSyntaxProblem';

  constructor(
    readonly reason: string,
    readonly offset: number,
  ) {
    super(`${reason} at offset ${offset}`);
  }
}
