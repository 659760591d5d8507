import { join } from 'node:path';

/** chart names the chart under test, its release and namespace, and the values files of each environment. */
export const chart = {
  dir: join('helm', 'sightline'),
  release: 'sightline',
  namespace: 'sightline',
  // Pinned so a newer helm's default cluster version cannot change a render.
  kubeVersion: '1.31.0',
  environments: ['dev', 'staging', 'prod'] as const,
  valuesFile: (env: string): string => join('helm', 'sightline', `values-${env}.yaml`),
  /** testValuesFile is a values file of test/values, layered over an environment's for a feature none turns on. */
  testValuesFile: (name: string): string => join('helm', 'test', 'values', `${name}.yaml`),
  // Renders of an environment plus one test values file, each with its own golden test/golden/<name>.yaml.
  variants: [{ name: 'dev-gateway-tls', env: 'dev', values: 'gateway-tls' }] as const,
};

/** Environment is one of the chart's environments (values-<env>.yaml). */
export type Environment = (typeof chart.environments)[number];
