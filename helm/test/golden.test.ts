import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chart } from './support/chart';
import { renderChart, tryRender } from './support/renderChart';

const update = process.env.UPDATE_GOLDEN === '1';

describe('helm template goldens (UPDATE_GOLDEN=1 rewrites them)', () => {
  it.each(chart.environments)('renders values-%s.yaml exactly as test/golden/<env>.yaml', (env) => {
    const got = renderChart(env);
    const goldenPath = join(__dirname, 'golden', `${env}.yaml`);
    if (update) writeFileSync(goldenPath, got);
    expect(existsSync(goldenPath)).toBe(true);
    expect(got).toBe(readFileSync(goldenPath, 'utf8'));
  });

  it.each(chart.variants)(
    'renders variant $name (values-$env.yaml, then test/values/$values) exactly as test/golden/<name>.yaml',
    ({ name, env, values }) => {
      const r = tryRender([chart.valuesFile(env), chart.testValuesFile(values)]);
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      const goldenPath = join(__dirname, 'golden', `${name}.yaml`);
      if (update) writeFileSync(goldenPath, r.stdout);
      expect(existsSync(goldenPath)).toBe(true);
      expect(r.stdout).toBe(readFileSync(goldenPath, 'utf8'));
    },
  );
});
