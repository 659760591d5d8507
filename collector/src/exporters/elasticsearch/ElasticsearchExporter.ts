import { Client } from '@elastic/elasticsearch';
import type { SignalBatch } from '../../otlp/records';
import type { ExportResult, ExportSignal, Exporter } from '../Exporter';
import { EXPORT_SUCCESS, exportFailure } from '../Exporter';
import type { SearchBulkOptions } from '../search/bulkExport';
import { bulkExport, describeError, searchMappings } from '../search/bulkExport';

/** ElasticsearchExporterOptions configures an ElasticsearchExporter. */
export interface ElasticsearchExporterOptions extends SearchBulkOptions {
  url: string;
  retentionDays: number;
  timeoutMs: number;
}

/**
 * ElasticsearchExporter writes spans and logs into data streams with the official client's bulk helper. At start
 * it installs an ILM policy (rollover, then delete after the retention) and an index template. Items answered 429
 * make the batch retryable; items refused for their content (mapping errors) are dead-lettered with the reason.
 */
export class ElasticsearchExporter implements Exporter {
  readonly name = 'elasticsearch';
  readonly signals: ReadonlySet<ExportSignal> = new Set(['spans', 'logs']);
  private readonly client: Client;

  constructor(private readonly options: ElasticsearchExporterOptions) {
    this.client = new Client({ node: options.url, requestTimeout: options.timeoutMs, maxRetries: 0 });
  }

  async start(): Promise<ExportResult> {
    const policy = `${this.options.prefix}-policy`;
    try {
      await this.client.ilm.putLifecycle({
        name: policy,
        policy: {
          phases: {
            hot: { actions: { rollover: { max_age: '1d', max_primary_shard_size: '50gb' } } },
            delete: { min_age: `${this.options.retentionDays}d`, actions: { delete: {} } },
          },
        },
      });
      await this.client.indices.putIndexTemplate({
        name: `${this.options.prefix}-template`,
        index_patterns: [`${this.options.prefix}-*`],
        data_stream: {},
        priority: 500,
        template: {
          settings: { 'index.lifecycle.name': policy },
          mappings: searchMappings('flattened'),
        },
      });
      return EXPORT_SUCCESS;
    } catch (err) {
      return exportFailure(`cannot install index template: ${describeError(err)}`, true);
    }
  }

  export(batch: SignalBatch): Promise<ExportResult> {
    return bulkExport(this.name, batch, this.options, (request) =>
      this.client.helpers.bulk<Record<string, unknown>>(request),
    );
  }

  async close(): Promise<void> {
    await this.client.close().catch(() => undefined);
  }
}
