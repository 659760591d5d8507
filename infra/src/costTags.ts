import type { SightlineConfig } from './config/SightlineConfig';

/**
 * costTags are the cost-allocation tags every taggable resource of a stage carries; AWS Budgets and Cost
 * Explorer split the bill by them once they are activated.
 */
export function costTags(
  config: Pick<SightlineConfig, 'name' | 'costCenter'>,
): Readonly<Record<string, string>> {
  return { Project: 'sightline', Environment: config.name, CostCenter: config.costCenter };
}
