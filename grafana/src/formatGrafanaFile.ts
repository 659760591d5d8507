import { join } from 'node:path';
import { format, resolveConfig } from 'prettier';
import type { GrafanaFile } from './buildGrafanaFiles';

/**
 * formatGrafanaFile runs a generated JSON file through the repo's Prettier config, so that
 * `npm run format` leaves the committed dashboards alone; other files pass through unchanged.
 */
export async function formatGrafanaFile(file: GrafanaFile, root: string): Promise<GrafanaFile> {
  if (!file.path.endsWith('.json')) return file;
  const options = (await resolveConfig(join(root, file.path))) ?? {};
  return { path: file.path, content: await format(file.content, { ...options, parser: 'json' }) };
}
