import type { CollectorConfig } from '../config';
import type { DeadLetterSink } from './DeadLetterSink';
import { ElasticsearchExporter } from './elasticsearch/ElasticsearchExporter';
import type { Exporter } from './Exporter';
import { JaegerExporter } from './jaeger/JaegerExporter';
import { OpenSearchExporter } from './opensearch/OpenSearchExporter';

/** ExporterDeps are the shared services exporters may need. */
export interface ExporterDeps {
  deadLetters: DeadLetterSink;
  onDeadLetter: (exporter: string, count: number) => void;
}

/**
 * queuedExportersFromConfig wires every configured exporter that goes through a disk queue: Jaeger when
 * JAEGER_OTLP_URL is set, Elasticsearch when ELASTICSEARCH_URL is set, OpenSearch when OPENSEARCH_URL is set (signed
 * with SigV4 when OPENSEARCH_AWS_REGION is). Postgres is the durable store, wired apart.
 */
export function queuedExportersFromConfig(config: CollectorConfig, deps: ExporterDeps): Exporter[] {
  const exporters: Exporter[] = [];
  if (config.JAEGER_OTLP_URL !== undefined)
    exporters.push(new JaegerExporter({ url: config.JAEGER_OTLP_URL, timeoutMs: config.EXPORT_TIMEOUT_MS }));
  if (config.ELASTICSEARCH_URL !== undefined)
    exporters.push(
      new ElasticsearchExporter({
        url: config.ELASTICSEARCH_URL,
        prefix: config.ELASTICSEARCH_PREFIX,
        retentionDays: config.ELASTICSEARCH_RETENTION_DAYS,
        timeoutMs: config.EXPORT_TIMEOUT_MS,
        itemRetries: 2,
        itemRetryWaitMs: 200,
        deadLetters: deps.deadLetters,
        onDeadLetter: (n) => deps.onDeadLetter('elasticsearch', n),
      }),
    );
  if (config.OPENSEARCH_URL !== undefined)
    exporters.push(
      new OpenSearchExporter({
        url: config.OPENSEARCH_URL,
        prefix: config.OPENSEARCH_PREFIX,
        retentionDays: config.OPENSEARCH_RETENTION_DAYS,
        timeoutMs: config.EXPORT_TIMEOUT_MS,
        itemRetries: 2,
        itemRetryWaitMs: 200,
        deadLetters: deps.deadLetters,
        onDeadLetter: (n) => deps.onDeadLetter('opensearch', n),
        ...(config.OPENSEARCH_AWS_REGION === undefined
          ? {}
          : { aws: { region: config.OPENSEARCH_AWS_REGION } }),
      }),
    );
  return exporters;
}
