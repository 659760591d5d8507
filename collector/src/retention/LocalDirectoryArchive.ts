import { mkdir, open, rename } from 'node:fs/promises';
import { createWriteStream } from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Archive } from './Archive';

/** LocalDirectoryArchive writes each archive to `<dir>/<key>` via a temporary file, fsync and rename. */
export class LocalDirectoryArchive implements Archive {
  constructor(private readonly dir: string) {}

  async put(key: string, body: Readable): Promise<void> {
    if (!/^[a-z0-9_/.-]+$/.test(key) || key.includes('..')) throw new Error(`invalid archive key ${key}`);
    const target = path.join(this.dir, key);
    await mkdir(path.dirname(target), { recursive: true });
    const tmp = `${target}.tmp`;
    await pipeline(body, createWriteStream(tmp));
    const handle = await open(tmp, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(tmp, target);
  }
}
