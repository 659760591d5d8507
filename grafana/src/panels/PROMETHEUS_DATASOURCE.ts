import type { DataSourceRef } from '@grafana/grafana-foundation-sdk/dashboard';

/** PROMETHEUS_DATASOURCE is the provisioned Prometheus data source every panel queries. */
export const PROMETHEUS_DATASOURCE: DataSourceRef = { type: 'prometheus', uid: 'prometheus' };
