import { DataqueryBuilder } from '@grafana/grafana-foundation-sdk/prometheus';
import { PROMETHEUS_DATASOURCE } from './PROMETHEUS_DATASOURCE';

/** PromQuery is one PromQL expression with the legend its series get. */
export interface PromQuery {
  expr: string;
  legend?: string;
}

/** promQuery builds a Prometheus target; refIds are A, B, C… in the order a panel lists them. */
export function promQuery(q: PromQuery, index: number): DataqueryBuilder {
  const b = new DataqueryBuilder()
    .datasource(PROMETHEUS_DATASOURCE)
    .expr(q.expr)
    .refId(String.fromCharCode(65 + index));
  return q.legend === undefined ? b : b.legendFormat(q.legend);
}
