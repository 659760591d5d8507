import type { Environment } from './chart';
import type { K8sObject } from './parseManifests';
import { parseManifests } from './parseManifests';
import { renderChart } from './renderChart';

const cache = new Map<Environment, K8sObject[]>();

/**
 * renderObjects returns the parsed objects of one environment's render, parsed once per test file.
 * Callers must not mutate them; copy an object before breaking it on purpose.
 */
export function renderObjects(env: Environment): K8sObject[] {
  let objects = cache.get(env);
  if (objects === undefined) {
    objects = parseManifests(renderChart(env));
    cache.set(env, objects);
  }
  return objects;
}
