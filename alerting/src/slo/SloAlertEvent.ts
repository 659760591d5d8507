/** SloAlertState is whether an alert event opens or closes an alert. */
export type SloAlertState = 'firing' | 'resolved';

/** SloAlertEvent is one firing or resolved burn-rate alert, labelled exactly like the Prometheus rule's alert. */
export interface SloAlertEvent {
  /** id is the row id in alerting.slo_alert_events; consumers page with `after`. */
  id: number;
  /** fingerprint identifies the alert (its sorted labels), stable between firing and resolved. */
  fingerprint: string;
  state: SloAlertState;
  /** labels are alertname, severity, burnrate_tier, tenant and slo. */
  labels: Record<string, string>;
  annotations: Record<string, string>;
  startsAt: string;
  /** endsAt is set on resolved events. */
  endsAt: string | null;
  longBurnRate: number | null;
  shortBurnRate: number | null;
  createdAt: string;
}

/** NewSloAlertEvent is an event before the store gives it its id and creation time. */
export type NewSloAlertEvent = Omit<SloAlertEvent, 'id' | 'createdAt'>;
