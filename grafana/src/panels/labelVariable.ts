import {
  QueryVariableBuilder,
  VariableRefresh,
  VariableSort,
} from '@grafana/grafana-foundation-sdk/dashboard';
import { PROMETHEUS_DATASOURCE } from './PROMETHEUS_DATASOURCE';

/** labelVariable builds a dashboard variable listing one label's values on a metric. */
export function labelVariable(o: {
  name: string;
  label: string;
  metric: string;
  multi?: boolean;
}): QueryVariableBuilder {
  const query = `label_values(${o.metric}, ${o.label})`;
  const b = new QueryVariableBuilder(o.name)
    .label(o.name)
    .datasource(PROMETHEUS_DATASOURCE)
    .query(query)
    .definition(query)
    .refresh(VariableRefresh.OnTimeRangeChanged)
    .sort(VariableSort.AlphabeticalAsc);
  return o.multi ? b.multi(true).includeAll(true).allValue('.*') : b;
}
