import type { DashboardBuilder } from '@grafana/grafana-foundation-sdk/dashboard';
import { alertingDashboard } from './dashboards/alertingDashboard';
import { collectorDashboard } from './dashboards/collectorDashboard';
import { gatewayDashboard } from './dashboards/gatewayDashboard';
import { tenantSloDashboard } from './dashboards/tenantSloDashboard';
import { finalizeDashboard } from './finalizeDashboard';
import { provisioningFiles } from './provisioningFiles';

/** DASHBOARDS maps each dashboard's file name to its builder; add a dashboard here. */
export const DASHBOARDS: Record<string, () => DashboardBuilder> = {
  'tenant-slo': tenantSloDashboard,
  gateway: gatewayDashboard,
  collector: collectorDashboard,
  alerting: alertingDashboard,
};

/** GrafanaFile is one generated file, with its path relative to the repo root. */
export interface GrafanaFile {
  path: string;
  content: string;
}

/** buildGrafanaFiles renders every dashboard to JSON and the provisioning YAML, in a stable order. */
export function buildGrafanaFiles(): GrafanaFile[] {
  const dashboards = Object.entries(DASHBOARDS).map(([name, build]) => ({
    path: `grafana/dashboards/${name}.json`,
    content: `${JSON.stringify(finalizeDashboard(build()), null, 2)}\n`,
  }));
  return [...dashboards, ...provisioningFiles()];
}
