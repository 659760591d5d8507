import type { SlaSnapshot, SlaUpdateEvent, SlaWindow } from '@sightline/contracts';

/** SlaEntry is the latest snapshot for one tenant and window, with when the browser received it. */
export interface SlaEntry {
  snapshot: SlaSnapshot;
  /** Epoch ms on the viewer's clock, so staleness does not depend on the server's clock. */
  receivedAt: number;
}

/** SlaState maps tenant id → window → latest entry. */
export type SlaState = Readonly<Record<string, Readonly<Partial<Record<SlaWindow, SlaEntry>>>>>;

/** applySlaUpdate keeps the newest snapshot per tenant and window, ignoring ones older than what it holds. */
export function applySlaUpdate(state: SlaState, event: SlaUpdateEvent, receivedAt: number): SlaState {
  let next: SlaState = state;
  for (const snapshot of event.snapshots) {
    const windows = next[snapshot.tenantId] ?? {};
    const held = windows[snapshot.window];
    // Socket messages can overtake each other across reconnects; an older snapshot must not win.
    if (held !== undefined && Date.parse(held.snapshot.updatedAt) > Date.parse(snapshot.updatedAt)) continue;
    next = { ...next, [snapshot.tenantId]: { ...windows, [snapshot.window]: { snapshot, receivedAt } } };
  }
  return next;
}
