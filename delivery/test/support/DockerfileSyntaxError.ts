/** DockerfileSyntaxError says why a Dockerfile (or one instruction's arguments) could not be parsed, and where. */
export class DockerfileSyntaxError extends Error {
  override readonly name = 'DockerfileSyntaxError';
}
