/** PrometheusScrapeTarget is one endpoint a test Prometheus scrapes, in a job of its own. */
export interface PrometheusScrapeTarget {
  job: string;
  /** target is 'host:port', without scheme. */
  target: string;
  /** path defaults to /metrics. */
  path?: string;
  /** intervalSeconds defaults to 1. */
  intervalSeconds?: number;
}

/** PrometheusConfigOptions are the parts of prometheus.yml a test usually cares about. */
export interface PrometheusConfigOptions {
  ruleFiles?: string[];
  scrapeTargets?: PrometheusScrapeTarget[];
  /** evaluationIntervalSeconds defaults to 1, so rules fire within a second or two. */
  evaluationIntervalSeconds?: number;
  /** alertmanagerUrl is where alerts go, e.g. the url of startAlertmanager. */
  alertmanagerUrl?: string;
  /** extraConfig is merged over the top level of the generated config: a key given here replaces ours. */
  extraConfig?: Record<string, unknown>;
}

/** prometheusConfig builds a prometheus.yml as a plain object, fast intervals by default, ready to serialise. */
export function prometheusConfig(o: PrometheusConfigOptions): Record<string, unknown> {
  const evaluation = `${o.evaluationIntervalSeconds ?? 1}s`;
  const config: Record<string, unknown> = {
    global: { scrape_interval: '1s', scrape_timeout: '1s', evaluation_interval: evaluation },
    rule_files: o.ruleFiles ?? [],
    scrape_configs: (o.scrapeTargets ?? []).map((t) => {
      const interval = `${t.intervalSeconds ?? 1}s`;
      // A timeout longer than the interval is a config error, and the global 10 s default would be one.
      return {
        job_name: t.job,
        metrics_path: t.path ?? '/metrics',
        scrape_interval: interval,
        scrape_timeout: interval,
        static_configs: [{ targets: [t.target] }],
      };
    }),
  };
  if (o.alertmanagerUrl) {
    const u = new URL(o.alertmanagerUrl);
    config.alerting = {
      alertmanagers: [
        {
          api_version: 'v2',
          scheme: u.protocol.replace(/:$/, ''),
          ...(u.pathname !== '/' ? { path_prefix: u.pathname } : {}),
          static_configs: [{ targets: [u.host] }],
        },
      ],
    };
  }
  return { ...config, ...o.extraConfig };
}
