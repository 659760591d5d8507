import { chart } from './support/chart';
import { runHelm } from './support/runHelm';

describe('helm lint --strict', () => {
  it('passes on the chart with its default values alone', () => {
    const r = runHelm(['lint', '--strict', '--kube-version', chart.kubeVersion, chart.dir]);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('0 chart(s) failed');
    expect(r.status).toBe(0);
  });

  it.each(chart.environments)('passes on the chart with values-%s.yaml', (env) => {
    const r = runHelm([
      'lint',
      '--strict',
      '--kube-version',
      chart.kubeVersion,
      chart.dir,
      '--values',
      chart.valuesFile(env),
    ]);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('0 chart(s) failed');
    expect(r.status).toBe(0);
  });
});
