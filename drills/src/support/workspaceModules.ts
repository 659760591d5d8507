import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './repoRoot';

/**
 * useWorkspaceModules lets the drill runner's bundle load third-party modules the way a workspace's own files do:
 * the fakes of the collector's and alerting's tests need the versions those workspaces pin in their own node_modules
 * (otlp-transformer 0.52.1's protobuf root, ajv 8), while scripts/run-ts.mjs bundles into the root node_modules,
 * which would find the root's versions first. Under jest each file resolves from where it lies, so this does nothing.
 * It must run before the fakes are loaded: import the module that calls it first.
 */
export function useWorkspaceModules(workspaces: readonly string[]): void {
  const paths = require.main?.paths;
  if (!paths || !require.main?.filename.endsWith('.cjs')) return;
  for (const ws of workspaces) {
    const dir = join(repoRoot(), ws, 'node_modules');
    if (existsSync(dir) && !paths.includes(dir)) paths.unshift(dir);
  }
}
