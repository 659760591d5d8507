import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot } from './support/repoRoot';

/** Runs one of helm/scripts with --check and returns the problems it printed. */
function check(script: string): { status: number | null; problems: string[] } {
  const r = spawnSync(process.execPath, [join('helm', 'scripts', script), '--check'], {
    cwd: repoRoot,
    encoding: 'utf8',
  });
  return { status: r.status, problems: r.stderr.split('\n').filter((l) => l.length > 0) };
}

describe('files the chart keeps in step with other sources', () => {
  it('holds copies of rules/generated, rules/platform and grafana/dashboards identical to their sources', () => {
    const r = check('sync-files.mjs');
    if (r.problems.length > 0)
      throw new Error(
        `helm/sightline/files is out of date; run: node helm/scripts/sync-files.mjs\n${r.problems.join('\n')}`,
      );
    expect(r.status).toBe(0);
  });

  it('has a values table in helm/README.md that matches values.yaml and values.schema.json', () => {
    const r = check('values-table.mjs');
    expect(r.problems).toEqual([]);
    expect(r.status).toBe(0);
  });

  it('has a Secrets table in helm/README.md that matches the secretEnv entries of values.yaml', () => {
    const r = check('secrets-table.mjs');
    expect(r.problems).toEqual([]);
    expect(r.status).toBe(0);
  });
});
