import { SlaWindow } from '@sightline/contracts';
import type { SlaSnapshot, SlaUpdateEvent, Tenant } from '@sightline/contracts';
import type { CollectorClient } from '../clients/CollectorClient';
import { computeSla } from './computeSla';

/** SlaService computes SLA snapshots from the collector's rollups. */
export class SlaService {
  constructor(
    private readonly collector: CollectorClient,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** snapshot computes one tenant's SLA over one window. */
  async snapshot(tenant: Tenant, window: SlaWindow): Promise<SlaSnapshot> {
    const aggregate = await this.collector.rollups(tenant.id, window);
    return computeSla(aggregate, tenant, window, this.now());
  }

  /** update computes every window for one tenant, as the `sla:update` event carries them. */
  async update(tenant: Tenant): Promise<SlaUpdateEvent> {
    const snapshots = await Promise.all(SlaWindow.options.map((w) => this.snapshot(tenant, w)));
    return { tenantId: tenant.id, snapshots };
  }
}
