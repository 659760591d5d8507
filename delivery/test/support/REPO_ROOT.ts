import { resolve } from 'node:path';

/** REPO_ROOT is the repository's root folder, where the Dockerfiles' build context and .github live. */
export const REPO_ROOT = resolve(__dirname, '..', '..', '..');
