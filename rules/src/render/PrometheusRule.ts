/** PrometheusRule is one recording or alerting rule as Prometheus reads it from a rule file. */
export interface PrometheusRule {
  record?: string;
  alert?: string;
  expr: string;
  for?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

/** PrometheusRuleGroup is one named group of rules, evaluated in order. */
export interface PrometheusRuleGroup {
  name: string;
  interval?: string;
  rules: PrometheusRule[];
}
