import { chart } from './chart';
import type { Environment } from './chart';
import { runHelm } from './runHelm';
import type { HelmResult } from './runHelm';

const cache = new Map<Environment, string>();

/** templateArgs are helm template's arguments for the chart with the given values files and --set flags. */
export function templateArgs(valuesFiles: readonly string[], sets: readonly string[] = []): string[] {
  return [
    'template',
    chart.release,
    chart.dir,
    '--namespace',
    chart.namespace,
    '--kube-version',
    chart.kubeVersion,
    ...valuesFiles.flatMap((f) => ['--values', f]),
    ...sets.flatMap((s) => ['--set', s]),
  ];
}

/** tryRender runs helm template and returns its result whether or not it succeeded. */
export function tryRender(valuesFiles: readonly string[], sets: readonly string[] = []): HelmResult {
  return runHelm(templateArgs(valuesFiles, sets));
}

/** renderChart returns helm template's output for one environment, rendered once per test file. */
export function renderChart(env: Environment): string {
  const cached = cache.get(env);
  if (cached !== undefined) return cached;
  const r = tryRender([chart.valuesFile(env)]);
  if (r.status !== 0) throw new Error(`helm template for ${env} failed:\n${r.stderr}`);
  cache.set(env, r.stdout);
  return r.stdout;
}
