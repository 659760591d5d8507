import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseSpecFile } from '@sightline/slo';
import { buildRuleFiles, renderRulesYaml } from '../src';

const root = resolve(__dirname, '..', '..');
const testdata = join(__dirname, 'testdata');
const update = process.env.UPDATE_GOLDEN === '1';
const inputs = readdirSync(testdata)
  .filter((f) => /^in-.*\.yaml$/.test(f))
  .sort();

describe('golden rule files (UPDATE_GOLDEN=1 regenerates them)', () => {
  it('has golden inputs for every spec format', () => {
    expect(inputs.length).toBeGreaterThanOrEqual(4);
  });

  it.each(inputs)('renders %s exactly as its committed out- file', (input) => {
    const spec = readFileSync(join(testdata, input), 'utf8');
    const got = renderRulesYaml(parseSpecFile(spec, `rules/test/testdata/${input}`));
    const outPath = join(testdata, input.replace(/^in-/, 'out-'));
    if (update) writeFileSync(outPath, got);
    expect(existsSync(outPath)).toBe(true);
    expect(got).toBe(readFileSync(outPath, 'utf8'));
  });

  it('keeps rules/generated in step with the specs in rules/slos (run npm run rules:generate)', () => {
    const files = buildRuleFiles(root);
    expect(files.map((f) => f.path).sort()).toEqual(
      readdirSync(join(root, 'rules', 'generated'))
        .filter((f) => f.endsWith('.yaml'))
        .map((f) => join('rules', 'generated', f))
        .sort(),
    );
    for (const f of files) expect(readFileSync(join(root, f.path), 'utf8')).toBe(f.content);
  });

  it('gives every demo tenant its tier contract SLOs', () => {
    const paths = buildRuleFiles(root).map((f) => f.path);
    expect(paths).toEqual(
      expect.arrayContaining(
        ['acme', 'globex', 'initech'].map((t) => join('rules', 'generated', `slo-${t}.yaml`)),
      ),
    );
  });
});
