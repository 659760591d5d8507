import { Client } from '@elastic/elasticsearch';
import type { SignalBatch } from '../../otlp/records';
import type { DeadLetter, DeadLetterSink } from '../DeadLetterSink';
import type { ExportResult, ExportSignal, Exporter } from '../Exporter';
import { EXPORT_SUCCESS, exportFailure } from '../Exporter';
import type { ElasticsearchDocument } from './elasticsearchDocuments';
import { elasticsearchDocuments } from './elasticsearchDocuments';

/** ElasticsearchExporterOptions configures an ElasticsearchExporter. */
export interface ElasticsearchExporterOptions {
  url: string;
  /** Data streams are `<prefix>-spans` and `<prefix>-logs`. */
  prefix: string;
  retentionDays: number;
  timeoutMs: number;
  /** How often the bulk helper itself retries items answered 429, before the batch is retried as a whole. */
  itemRetries: number;
  itemRetryWaitMs: number;
  deadLetters: DeadLetterSink;
  onDeadLetter?: (count: number) => void;
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
          mappings: {
            properties: {
              '@timestamp': { type: 'date' },
              trace_id: { type: 'keyword' },
              span_id: { type: 'keyword' },
              tenant_id: { type: 'keyword' },
              service: { type: 'keyword' },
              severity_number: { type: 'short' },
              body: { type: 'text' },
              duration_ms: { type: 'double' },
              attributes: { type: 'flattened' },
            },
          },
        },
      });
      return EXPORT_SUCCESS;
    } catch (err) {
      return exportFailure(`cannot install index template: ${describe(err)}`, true);
    }
  }

  async export(batch: SignalBatch): Promise<ExportResult> {
    const docs = elasticsearchDocuments(batch, this.options.prefix);
    if (docs.length === 0) return EXPORT_SUCCESS;
    const meta = new Map<Record<string, unknown>, ElasticsearchDocument>(docs.map((d) => [d.source, d]));
    let throttled = 0;
    const dead: DeadLetter[] = [];
    try {
      await this.client.helpers.bulk<Record<string, unknown>>({
        datasource: docs.map((d) => d.source),
        onDocument: (source) => {
          const d = meta.get(source)!;
          return { create: { _index: d.index, _id: d.id } };
        },
        onDrop: (item) => {
          // 409: a retried batch meets the document its earlier try created, which is the success we wanted.
          if (item.status === 409) return;
          if (item.status === 429 || item.status >= 500) throttled++;
          else
            dead.push({
              exporter: this.name,
              reason: `${item.status} ${item.error?.type ?? 'error'}: ${item.error?.reason ?? ''}`.slice(
                0,
                500,
              ),
              record: item.document,
            });
        },
        retries: this.options.itemRetries,
        wait: this.options.itemRetryWaitMs,
        concurrency: 1,
        flushBytes: 5_000_000,
      });
    } catch (err) {
      return exportFailure(`bulk request failed: ${describe(err)}`, true);
    }
    if (dead.length > 0) {
      try {
        await this.options.deadLetters.write(dead);
        this.options.onDeadLetter?.(dead.length);
      } catch (err) {
        return exportFailure(`cannot write dead letters: ${describe(err)}`, true);
      }
    }
    return throttled > 0 ? exportFailure(`${throttled} documents throttled (429)`, true) : EXPORT_SUCCESS;
  }

  async close(): Promise<void> {
    await this.client.close().catch(() => undefined);
  }
}

function describe(err: unknown): string {
  return err instanceof Error ? err.message.slice(0, 200) : 'unknown error';
}
