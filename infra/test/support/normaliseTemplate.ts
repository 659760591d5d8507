/**
 * normaliseTemplate replaces content hashes (asset zips, nested-stack templates) with a placeholder, so the
 * golden file changes only when the infrastructure does, not when a bundled handler is rebuilt.
 */
export function normaliseTemplate(template: unknown): unknown {
  return JSON.parse(JSON.stringify(template).replace(/[0-9a-f]{64}/g, '<asset-hash>'));
}
