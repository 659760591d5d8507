import type { NewSloAlertEvent } from './SloAlertEvent';
import type { BurnAlertIdentity } from './burnAlertIdentity';

/** FiringAlert is an alert that is firing now. */
export interface FiringAlert {
  fingerprint: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  startsAt: string;
  longBurnRate: number | null;
  shortBurnRate: number | null;
}

/** AlertObservation is one alert's condition at one evaluation. */
export interface AlertObservation {
  identity: BurnAlertIdentity;
  active: boolean;
  longBurnRate: number | null;
  shortBurnRate: number | null;
}

/**
 * AlertTransitions remembers which alerts fire and turns each evaluation into events: firing when a condition
 * starts to hold, resolved when it stops. An alert not observed (its tenant could not be read) keeps its state.
 */
export class AlertTransitions {
  private readonly firing = new Map<string, FiringAlert>();

  /** restore seeds the firing set, e.g. from the store after a restart, so nothing fires twice. */
  restore(alerts: readonly FiringAlert[]): void {
    for (const a of alerts) this.firing.set(a.fingerprint, a);
  }

  /** observe applies one evaluation's observations and returns the events they cause. */
  observe(observations: readonly AlertObservation[], at: Date): NewSloAlertEvent[] {
    const events: NewSloAlertEvent[] = [];
    for (const o of observations) {
      const { fingerprint, labels, annotations } = o.identity;
      const current = this.firing.get(fingerprint);
      if (o.active && !current) {
        const alert: FiringAlert = {
          fingerprint,
          labels,
          annotations,
          startsAt: at.toISOString(),
          longBurnRate: o.longBurnRate,
          shortBurnRate: o.shortBurnRate,
        };
        this.firing.set(fingerprint, alert);
        events.push({ ...alert, state: 'firing', endsAt: null });
      } else if (o.active && current) {
        current.longBurnRate = o.longBurnRate;
        current.shortBurnRate = o.shortBurnRate;
      } else if (!o.active && current) {
        this.firing.delete(fingerprint);
        events.push({
          ...current,
          longBurnRate: o.longBurnRate,
          shortBurnRate: o.shortBurnRate,
          state: 'resolved',
          endsAt: at.toISOString(),
        });
      }
    }
    return events;
  }

  /** undo reverts the transitions of events that could not be stored, so the next evaluation emits them again. */
  undo(events: readonly NewSloAlertEvent[]): void {
    for (const e of events) {
      if (e.state === 'firing') this.firing.delete(e.fingerprint);
      else
        this.firing.set(e.fingerprint, {
          fingerprint: e.fingerprint,
          labels: e.labels,
          annotations: e.annotations,
          startsAt: e.startsAt,
          longBurnRate: e.longBurnRate,
          shortBurnRate: e.shortBurnRate,
        });
    }
  }

  /** firingFor lists the alerts firing now for one tenant (and SLO, when given). */
  firingFor(tenant: string, slo?: string): FiringAlert[] {
    return [...this.firing.values()].filter(
      (a) => a.labels.tenant === tenant && (slo === undefined || a.labels.slo === slo),
    );
  }
}
