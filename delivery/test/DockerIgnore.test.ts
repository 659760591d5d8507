import { DockerIgnore } from './support/DockerIgnore';

describe('DockerIgnore', () => {
  it('leaves out a directory named at the root together with everything below it', () => {
    const ignore = DockerIgnore.fromText('.git\n');
    expect(ignore.ignores('.git')).toBe(true);
    expect(ignore.ignores('.git/objects/ab/cdef')).toBe(true);
    expect(ignore.ignores('sub/.git')).toBe(false);
    expect(ignore.ignores('.github/workflows/ci.yml')).toBe(false);
  });

  it('matches ** across any number of directories, including none', () => {
    const ignore = DockerIgnore.fromText('**/node_modules\n');
    expect(ignore.ignores('node_modules/a/index.js')).toBe(true);
    expect(ignore.ignores('gateway/node_modules/a/index.js')).toBe(true);
    expect(ignore.ignores('a/b/c/node_modules')).toBe(true);
    expect(ignore.ignores('gateway/src/node_modules.ts')).toBe(false);
  });

  it('keeps * and ? within one path segment', () => {
    const ignore = DockerIgnore.fromText('*.log\nsrc/?.tmp\n');
    expect(ignore.ignores('build.log')).toBe(true);
    expect(ignore.ignores('logs/build.log')).toBe(false);
    expect(ignore.ignores('src/a.tmp')).toBe(true);
    expect(ignore.ignores('src/ab.tmp')).toBe(false);
  });

  it('lets the last matching line win, so ! re-includes what an earlier line left out', () => {
    const ignore = DockerIgnore.fromText('# comment\n\n**/*.md\n!README.md\ndocs/README.md\n');
    expect(ignore.ignores('CHANGELOG.md')).toBe(true);
    expect(ignore.ignores('README.md')).toBe(false);
    expect(ignore.ignores('docs/README.md')).toBe(true);
    expect(ignore.patterns).toEqual(['**/*.md', '!README.md', 'docs/README.md']);
  });

  it('cleans leading slashes and dot segments from patterns and paths alike', () => {
    const ignore = DockerIgnore.fromText('/dist\n./coverage/\n');
    expect(ignore.ignores('dist/main.js')).toBe(true);
    expect(ignore.ignores('./coverage/lcov.info')).toBe(true);
    expect(ignore.ignores('gateway/dist/main.js')).toBe(false);
  });

  it('understands character classes, negated with !', () => {
    const ignore = DockerIgnore.fromText('file[0-9].txt\nlog[!a].txt\n');
    expect(ignore.ignores('file7.txt')).toBe(true);
    expect(ignore.ignores('filex.txt')).toBe(false);
    expect(ignore.ignores('logb.txt')).toBe(true);
    expect(ignore.ignores('loga.txt')).toBe(false);
  });
});
