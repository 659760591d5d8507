import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chart } from './support/chart';
import { renderChart } from './support/renderChart';

const update = process.env.UPDATE_GOLDEN === '1';

describe('helm template goldens (UPDATE_GOLDEN=1 rewrites them)', () => {
  it.each(chart.environments)('renders values-%s.yaml exactly as test/golden/<env>.yaml', (env) => {
    const got = renderChart(env);
    const goldenPath = join(__dirname, 'golden', `${env}.yaml`);
    if (update) writeFileSync(goldenPath, got);
    expect(existsSync(goldenPath)).toBe(true);
    expect(got).toBe(readFileSync(goldenPath, 'utf8'));
  });
});
