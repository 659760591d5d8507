import { formatCount } from '../lib/format';
import type { Loadable } from '../lib/Loadable';
import type { TopFailingRoutes } from '../lib/tenantActivityShapes';

/** FailingRoutesTableProps carry the tenant's most failing routes, once loaded, and the window's name. */
export interface FailingRoutesTableProps {
  routes: Loadable<TopFailingRoutes>;
  windowLabel: string;
}

/** FailingRoutesTable lists the tenant's gateway routes that failed most over the window, most failures first. */
export function FailingRoutesTable({ routes, windowLabel }: FailingRoutesTableProps) {
  if (routes.kind === 'loading')
    return (
      <p className="board-note" role="status" data-testid="failing-routes-loading">
        Loading routes…
      </p>
    );
  if (routes.kind === 'error')
    return (
      <p className="alert" role="alert" data-testid="failing-routes-error">
        {routes.message}
      </p>
    );
  if (routes.body.routes.length === 0)
    return (
      <p className="board-note" data-testid="failing-routes-none">
        No route failed in the last {windowLabel}.
      </p>
    );
  return (
    <div className="table-scroll">
      <table className="sla-table activity-table" data-testid="failing-routes">
        <caption className="visually-hidden">Top failing routes over the last {windowLabel}</caption>
        <thead>
          <tr>
            <th scope="col">Route</th>
            <th scope="col">Requests</th>
            <th scope="col">Failed</th>
            <th scope="col">Failed %</th>
          </tr>
        </thead>
        <tbody>
          {routes.body.routes.map((r) => (
            <tr key={r.route}>
              <th scope="row" className="route-cell">
                <code>{r.route}</code>
              </th>
              <td>{formatCount(r.requests)}</td>
              <td>{formatCount(r.errors)}</td>
              <td>{r.errorPercent < 10 ? r.errorPercent.toFixed(2) : r.errorPercent.toFixed(1)}%</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
