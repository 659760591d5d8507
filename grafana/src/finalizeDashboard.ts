import type { Dashboard, DashboardBuilder, Panel, RowPanel } from '@grafana/grafana-foundation-sdk/dashboard';

/** BUILT_IN_ANNOTATIONS is the annotation Grafana adds to every dashboard it saves itself. */
const BUILT_IN_ANNOTATIONS = {
  builtIn: 1,
  datasource: { type: 'grafana', uid: '-- Grafana --' },
  enable: true,
  hide: true,
  iconColor: 'rgba(0, 211, 255, 1)',
  name: 'Annotations & Alerts',
  type: 'dashboard',
};

/**
 * finalizeDashboard builds a dashboard and fills in what the SDK leaves out: `templating.list` and
 * `annotations.list` (it emits `{}`), and stable panel ids.
 */
export function finalizeDashboard(builder: DashboardBuilder): Dashboard {
  const dash = builder.build();
  dash.templating = { list: dash.templating.list ?? [] };
  dash.annotations = { list: dash.annotations.list ?? [BUILT_IN_ANNOTATIONS] };
  let id = 1;
  for (const panel of (dash.panels ?? []) as (Panel | RowPanel)[]) {
    panel.id = id++;
    if (panel.type === 'row') for (const inner of (panel as RowPanel).panels) inner.id = id++;
  }
  return dash;
}
