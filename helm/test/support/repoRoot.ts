import { resolve } from 'node:path';

/** repoRoot is the monorepo's root, found from this file so no absolute path is baked in. */
export const repoRoot = resolve(__dirname, '..', '..', '..');
