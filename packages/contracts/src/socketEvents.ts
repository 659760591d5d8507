import { z } from 'zod';
import { SlaSnapshot } from './sla';

/** SlaUpdateEvent is the payload of the `sla:update` socket event, sent to the tenant's room. */
export const SlaUpdateEvent = z.object({ tenantId: z.string(), snapshots: z.array(SlaSnapshot) });
/** SlaUpdateEvent is the payload of the `sla:update` socket event. */
export type SlaUpdateEvent = z.infer<typeof SlaUpdateEvent>;

/** SOCKET_EVENTS names the events the api's Socket.io hub emits. */
export const SOCKET_EVENTS = { slaUpdate: 'sla:update' } as const;

/** tenantRoom is the Socket.io room that carries one tenant's events. */
export function tenantRoom(tenantId: string): string {
  return `tenant:${tenantId}`;
}

/** RollupsFlushedEvent is what the collector publishes after it writes rollups: which tenants moved. */
export const RollupsFlushedEvent = z.object({ tenants: z.array(z.string()), at: z.string() });
/** RollupsFlushedEvent is what the collector publishes after it writes rollups. */
export type RollupsFlushedEvent = z.infer<typeof RollupsFlushedEvent>;
