import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chart } from './support/chart';
import { renderObjects } from './support/renderObjects';
import { repoRoot } from './support/repoRoot';
import { runHelm } from './support/runHelm';

/* eslint-disable @typescript-eslint/no-explicit-any -- rendered pod specs are read field by field. */

describe('NOTES.txt', () => {
  it.each(chart.environments)(
    'lists every Secret and key the %s pods read, so they can be created first',
    (env) => {
      const r = runHelm([
        'install',
        chart.release,
        chart.dir,
        '--namespace',
        chart.namespace,
        // install has no --kube-version; a client-side dry run renders NOTES without a cluster.
        '--dry-run=client',
        '--values',
        chart.valuesFile(env),
      ]);
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      const notes = r.stdout.slice(r.stdout.indexOf('NOTES:'));
      const wanted = new Map<string, Set<string>>();
      for (const w of renderObjects(env).filter((o) => o.kind === 'Deployment' || o.kind === 'StatefulSet'))
        for (const v of (w.spec as any).template.spec.volumes)
          for (const s of v.projected?.sources ?? []) {
            const keys = wanted.get(s.secret.name) ?? new Set<string>();
            for (const i of s.secret.items) keys.add(i.key);
            wanted.set(s.secret.name, keys);
          }
      expect(wanted.size).toBeGreaterThan(0);
      for (const [name, keys] of wanted)
        expect(notes).toContain(`Secret ${name}, keys: ${[...keys].sort().join(', ')}`);
    },
  );

  it('points to a helm/README.md section that lists exactly the Secrets and keys it prints for the default values', () => {
    const template = readFileSync(join(repoRoot, chart.dir, 'templates', 'NOTES.txt'), 'utf8');
    const section = /see helm\/README\.md, "([^"]+)"/.exec(template)?.[1];
    expect(section).toBe('Secrets to create first');
    const readme = readFileSync(join(repoRoot, 'helm', 'README.md'), 'utf8');
    const start = readme.indexOf(`\n## ${section}\n`);
    expect(start).toBeGreaterThan(0);
    const body = readme.slice(start + 1).split(/\n## /)[0]!;
    const inReadme = [...body.matchAll(/^\| `([a-z0-9-]+)` \| `([a-z0-9-]+)` \|/gm)].map(
      (m) => `${m[1]} ${m[2]}`,
    );

    const r = runHelm([
      'install',
      chart.release,
      chart.dir,
      '--namespace',
      chart.namespace,
      '--dry-run=client',
    ]);
    expect(r.status).toBe(0);
    const inNotes = [...r.stdout.matchAll(/^ {2}- Secret (\S+), keys: (.+)$/gm)].flatMap((m) =>
      m[2]!.split(', ').map((key) => `${m[1]} ${key}`),
    );
    expect(inNotes.length).toBeGreaterThan(0);
    expect([...inReadme].sort()).toEqual([...inNotes].sort());
  });
});
