import type { SloAlertEvent } from '../slo/SloAlertEvent';
import type { IncomingAlert } from './IncomingAlert';

/** fromSloEvent turns the SLO engine's event into an incoming alert with the same labels as the Prometheus rule. */
export function fromSloEvent(event: SloAlertEvent): IncomingAlert {
  return {
    labels: event.labels,
    annotations: event.annotations,
    startsAt: new Date(event.startsAt),
    endsAt: event.state === 'resolved' ? new Date(event.endsAt ?? event.createdAt) : null,
    generatorUrl: null,
  };
}
