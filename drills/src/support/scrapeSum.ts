import { fetchExposition, sumOf } from './MetricSampler';

/** scrapeSum adds up every sample of a metric in a service's /metrics whose labels include the given ones. */
export async function scrapeSum(
  metricsUrl: string,
  name: string,
  labels: Record<string, string> = {},
): Promise<number> {
  return sumOf(await fetchExposition(metricsUrl), name, labels);
}
