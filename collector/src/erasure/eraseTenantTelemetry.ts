import { withTransaction } from '@sightline/db';
import type pg from 'pg';

/** TELEMETRY_TABLES are the stores of raw telemetry, which can carry a tenant's end-user data. */
const TELEMETRY_TABLES = ['spans', 'logs', 'metric_points'] as const;

/**
 * eraseTenantTelemetry is the collector's part of the right to erasure for one tenant: every stored span, log
 * record and metric point of the tenant is deleted, in every day partition and the default one, in one
 * transaction. SLI rollups stay: they are counts per 10 s with no request, user or address in them, and the SLA
 * history and weekly reports are built from them. What the collector already handed to Jaeger, Elasticsearch or the
 * archive is erased there by their own retention (docs/gdpr.md). Running it again deletes nothing more.
 */
export function eraseTenantTelemetry(pool: pg.Pool, tenantId: string): Promise<Record<string, number>> {
  return withTransaction(pool, async (client) => {
    const counts: Record<string, number> = {};
    for (const table of TELEMETRY_TABLES) {
      const result = await client.query(`DELETE FROM collector.${table} WHERE tenant_id = $1`, [tenantId]);
      counts[table] = result.rowCount ?? 0;
    }
    return counts;
  });
}
