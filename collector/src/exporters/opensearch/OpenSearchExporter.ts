import { defaultProvider } from '@aws-sdk/credential-provider-node';
import { Client } from '@opensearch-project/opensearch';
import { AwsSigv4Signer } from '@opensearch-project/opensearch/aws-v3';
import type { SignalBatch } from '../../otlp/records';
import type { ExportResult, ExportSignal, Exporter } from '../Exporter';
import { EXPORT_SUCCESS, exportFailure } from '../Exporter';
import type { SearchBulkOptions } from '../search/bulkExport';
import { bulkExport, describeError, searchMappings } from '../search/bulkExport';

/** AwsCredentials are the keys SigV4 signs with (a session token for temporary ones, as IRSA gives). */
export interface AwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  expiration?: Date;
}

/** OpenSearchExporterOptions configures an OpenSearchExporter. */
export interface OpenSearchExporterOptions extends SearchBulkOptions {
  url: string;
  retentionDays: number;
  timeoutMs: number;
  /**
   * Sign every request with AWS SigV4 for an Amazon OpenSearch Service domain in this region. Credentials come from
   * `getCredentials`, by default the AWS provider chain (environment, IRSA web identity, instance role).
   */
  aws?: { region: string; getCredentials?: () => Promise<AwsCredentials> };
}

/** IsmPolicyAnswer is what GET _plugins/_ism/policies/<id> answers for an existing policy. */
interface IsmPolicyAnswer {
  _seq_no: number;
  _primary_term: number;
}

/**
 * OpenSearchExporter writes spans and logs into OpenSearch data streams with the official client's bulk helper, the
 * same documents and the same item handling as the Elasticsearch exporter. At start it installs an ISM policy
 * (rollover daily, delete after the retention) that applies itself to the data streams' backing indices, and an
 * index template. For Amazon OpenSearch Service it signs requests with SigV4 (service `es`).
 */
export class OpenSearchExporter implements Exporter {
  readonly name = 'opensearch';
  readonly signals: ReadonlySet<ExportSignal> = new Set(['spans', 'logs']);
  private readonly client: Client;

  constructor(private readonly options: OpenSearchExporterOptions) {
    const aws = options.aws;
    let signer = {};
    if (aws) {
      const chain = aws.getCredentials ?? defaultProvider();
      signer = AwsSigv4Signer({ region: aws.region, service: 'es', getCredentials: () => chain() });
    }
    this.client = new Client({
      node: options.url,
      requestTimeout: options.timeoutMs,
      maxRetries: 0,
      ...signer,
    });
  }

  async start(): Promise<ExportResult> {
    const { prefix, retentionDays } = this.options;
    const policyId = `${prefix}-policy`;
    try {
      await this.putIsmPolicy(policyId, {
        description: `Sightline ${prefix}: roll over daily or at 50 GB per primary shard, delete after ${retentionDays} d`,
        default_state: 'hot',
        states: [
          {
            name: 'hot',
            actions: [{ rollover: { min_index_age: '1d', min_primary_shard_size: '50gb' } }],
            transitions: [{ state_name: 'delete', conditions: { min_index_age: `${retentionDays}d` } }],
          },
          { name: 'delete', actions: [{ delete: {} }], transitions: [] },
        ],
        // ISM attaches the policy to each new backing index of the two data streams. OpenSearch matches a template's
        // patterns against the data stream's name; the backing indices' own names (.ds-<stream>-<generation>) are
        // listed too, which versions that match only index names need.
        ism_template: [
          {
            index_patterns: [
              `${prefix}-spans`,
              `${prefix}-logs`,
              `.ds-${prefix}-spans-*`,
              `.ds-${prefix}-logs-*`,
            ],
            priority: 100,
          },
        ],
      });
      await this.client.indices.putIndexTemplate({
        name: `${prefix}-template`,
        body: {
          index_patterns: [`${prefix}-*`],
          data_stream: {},
          priority: 500,
          template: { mappings: searchMappings('flat_object') },
        },
      });
      return EXPORT_SUCCESS;
    } catch (err) {
      return exportFailure(`cannot install the ISM policy or index template: ${describeError(err)}`, true);
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

  /**
   * putIsmPolicy creates the policy, or replaces it when it exists: ISM refuses a PUT over an existing policy unless
   * it names the version it replaces (if_seq_no and if_primary_term), so a restart reads that version first.
   */
  private async putIsmPolicy(id: string, policy: Record<string, unknown>): Promise<void> {
    const path = `/_plugins/_ism/policies/${encodeURIComponent(id)}`;
    let current: IsmPolicyAnswer | undefined;
    try {
      current = (await this.client.transport.request({ method: 'GET', path })).body as IsmPolicyAnswer;
    } catch (err) {
      if ((err as { meta?: { statusCode?: number } }).meta?.statusCode !== 404) throw err;
    }
    await this.client.transport.request({
      method: 'PUT',
      path,
      querystring: current ? { if_seq_no: current._seq_no, if_primary_term: current._primary_term } : {},
      body: { policy },
    });
  }
}
