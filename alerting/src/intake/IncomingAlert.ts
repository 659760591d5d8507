/** AlertSource names where an alert entered the engine; it labels metrics and the alert list. */
export type AlertSource = 'alertmanager' | 'prometheus' | 'slo' | 'api';

/** IncomingAlert is an alert as every intake normalises it before the pipeline sees it. */
export interface IncomingAlert {
  labels: Record<string, string>;
  annotations: Record<string, string>;
  startsAt: Date;
  /** endsAt in the past means resolved; in the future it is when the alert resolves unless sent again. */
  endsAt: Date | null;
  generatorUrl: string | null;
}
