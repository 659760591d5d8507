import type { SignalBatch } from '../../otlp/records';

/** ServicePair is one (tenant, service) that collector.services records. */
export interface ServicePair {
  tenantId: string;
  service: string;
}

// The services upsert moves last_seen only once it is a minute old. A pair this process wrote is not due again
// before then; one it found fresh (written by another instance, or before a restart) is looked at again a second
// later, so last_seen never lags a sighting by more than a minute and a second.
const WRITTEN_REFRESH_MS = 60_000;
const FRESH_RECHECK_MS = 1000;
const MAX_PAIRS = 100_000;

/**
 * ServiceSightings remembers when each (tenant, service) pair was last upserted, so a batch only upserts the pairs
 * whose upsert could change something: in the steady state, none.
 */
export class ServiceSightings {
  private readonly dueAt = new Map<string, Map<string, number>>();
  private size = 0;

  /** due lists the distinct pairs of a batch that need an upsert now, sorted by tenant then service. */
  due(batch: SignalBatch, now = performance.now()): ServicePair[] {
    const out: ServicePair[] = [];
    const listed = new Map<string, Set<string>>();
    let lastTenant: string | null = null;
    let lastService: string | null = null;
    const visit = (r: ServicePair): void => {
      // Records come in runs of one resource, so most are the pair just seen.
      if (r.tenantId === lastTenant && r.service === lastService) return;
      lastTenant = r.tenantId;
      lastService = r.service;
      const at = this.dueAt.get(r.tenantId)?.get(r.service);
      if (at !== undefined && at > now) return;
      let services = listed.get(r.tenantId);
      if (services === undefined) {
        services = new Set();
        listed.set(r.tenantId, services);
      }
      if (services.has(r.service)) return;
      services.add(r.service);
      out.push({ tenantId: r.tenantId, service: r.service });
    };
    for (const r of batch.spans) visit(r);
    for (const r of batch.logs) visit(r);
    for (const r of batch.metrics) visit(r);
    return out.sort(comparePairs);
  }

  /** recorded notes a committed upsert that started at `startedAt` and wrote (inserted or refreshed) `written`. */
  recorded(pairs: readonly ServicePair[], written: readonly ServicePair[], startedAt: number): void {
    if (this.size + pairs.length > MAX_PAIRS) {
      this.dueAt.clear();
      this.size = 0;
    }
    for (const p of pairs) this.set(p, startedAt + FRESH_RECHECK_MS);
    for (const p of written) this.set(p, startedAt + WRITTEN_REFRESH_MS);
  }

  private set(p: ServicePair, at: number): void {
    let services = this.dueAt.get(p.tenantId);
    if (services === undefined) {
      services = new Map();
      this.dueAt.set(p.tenantId, services);
    }
    if (!services.has(p.service)) this.size++;
    services.set(p.service, at);
  }
}

function comparePairs(a: ServicePair, b: ServicePair): number {
  if (a.tenantId !== b.tenantId) return a.tenantId < b.tenantId ? -1 : 1;
  return a.service < b.service ? -1 : a.service > b.service ? 1 : 0;
}
