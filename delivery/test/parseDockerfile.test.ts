import { DockerfileSyntaxError } from './support/DockerfileSyntaxError';
import { parseDockerfile } from './support/parseDockerfile';
import { parseKeyValues } from './support/parseKeyValues';

describe('parseDockerfile', () => {
  it('reads parser directives, global ARGs and named stages with their instructions', () => {
    const df = parseDockerfile(
      [
        '# syntax=docker/dockerfile:1',
        '# escape=\\',
        'ARG BASE=node:20-slim',
        '# a comment is not a directive once something else came first',
        'FROM --platform=linux/amd64 ${BASE} AS Build',
        'RUN make',
        '',
        'FROM scratch',
        'COPY --from=build /out /out',
      ].join('\n'),
    );
    expect(df.directives).toEqual({ syntax: 'docker/dockerfile:1', escape: '\\' });
    expect(df.globalArgs.map((a) => a.args)).toEqual(['BASE=node:20-slim']);
    expect(df.stages.map((s) => [s.index, s.name, s.image, s.platform])).toEqual([
      [0, 'build', '${BASE}', 'linux/amd64'],
      [1, undefined, 'scratch', undefined],
    ]);
    expect(df.stages[0]!.instructions.map((i) => [i.keyword, i.args, i.line])).toEqual([['RUN', 'make', 6]]);
    expect(df.stages[1]!.instructions[0]!.flags).toEqual({ from: 'build' });
  });

  it('joins continued lines and drops the comment lines inside a continuation', () => {
    const df = parseDockerfile(
      [
        'FROM debian:12',
        'RUN apt-get update \\',
        '# why we install it',
        ' && apt-get install -y tini',
        'USER 1',
      ].join('\n'),
    );
    const [run, user] = df.stages[0]!.instructions;
    expect(run).toMatchObject({
      keyword: 'RUN',
      args: 'apt-get update  && apt-get install -y tini',
      line: 2,
    });
    expect(user).toMatchObject({ keyword: 'USER', args: '1', line: 5 });
  });

  it('reads leading flags, including valueless ones, and keeps exec-form arguments as a list', () => {
    const df = parseDockerfile(
      [
        'FROM node:20',
        'RUN --mount=type=cache,target=/root/.npm --network=none npm ci',
        'HEALTHCHECK --interval=10s --retries=3 CMD ["node", "-e", "process.exit(0)"]',
        'COPY --link a b',
        'CMD ["node", "main.js"]',
        'ENTRYPOINT node main.js',
      ].join('\n'),
    );
    const [run, health, copy, cmd, entry] = df.stages[0]!.instructions;
    expect(run!.flags).toEqual({ mount: 'type=cache,target=/root/.npm', network: 'none' });
    expect(run!.args).toBe('npm ci');
    expect(health!.flags).toEqual({ interval: '10s', retries: '3' });
    expect(health!.args).toBe('CMD ["node", "-e", "process.exit(0)"]');
    expect(copy!.flags).toEqual({ link: '' });
    expect(cmd!.execForm).toEqual(['node', 'main.js']);
    expect(entry!.execForm).toBeUndefined();
  });

  it('refuses heredocs, instructions before the first FROM and a file without FROM, saying where', () => {
    expect(() => parseDockerfile('FROM a\nRUN <<EOF\necho hi\nEOF')).toThrow(
      new DockerfileSyntaxError('line 2: heredocs are not supported by this parser'),
    );
    expect(() => parseDockerfile('RUN true\nFROM a')).toThrow(
      new DockerfileSyntaxError('line 1: RUN before the first FROM'),
    );
    expect(() => parseDockerfile('# only a comment\n')).toThrow(
      new DockerfileSyntaxError('no FROM instruction'),
    );
  });
});

describe('parseKeyValues', () => {
  it('reads name=value pairs with double and single quotes and escaped quotes', () => {
    const kv = parseKeyValues('A=1 B="two words" C=\'single $X\' D="say \\"hi\\"" E=');
    expect([...kv]).toEqual([
      ['A', '1'],
      ['B', 'two words'],
      ['C', 'single $X'],
      ['D', 'say "hi"'],
      ['E', ''],
    ]);
  });

  it('reads the legacy ENV form, where everything after the name is the value', () => {
    expect([...parseKeyValues('GREETING hello there')]).toEqual([['GREETING', 'hello there']]);
  });

  it('gives an ARG without a default an undefined value, and refuses an ENV without one', () => {
    expect([...parseKeyValues('VERSION REVISION=abc', 'ARG')]).toEqual([
      ['VERSION', undefined],
      ['REVISION', 'abc'],
    ]);
    expect(() => parseKeyValues('A=1 B', 'LABEL')).toThrow(new DockerfileSyntaxError('LABEL B has no value'));
  });
});
