import { ConfigError } from '@sightline/config';
import { DEFAULT_BLOCKED_KEYS, loadCollectorConfig } from '../src/config';

const REQUIRED = { DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/x', INTERNAL_TOKEN: 'sixteen-chars-ok' };

describe('collector configuration', () => {
  it('applies the documented defaults', () => {
    const { COLLECTOR_API_KEYS, ...config } = loadCollectorConfig(REQUIRED);
    expect(COLLECTOR_API_KEYS.size).toBe(0);
    expect(config).toEqual({
      ...REQUIRED,
      COLLECTOR_PORT: 4318,
      HOST: '127.0.0.1',
      MAX_BODY_BYTES: 4194304,
      SLI_SERVICES: ['gateway'],
      ROLLUP_FLUSH_MS: 200,
      ROLLUP_MAX_PENDING: 100_000,
      LOG_LEVEL: 'info',
      COLLECTOR_REQUIRE_API_KEY: false,
      MEMORY_LIMIT_BYTES: 268435456,
      MEMORY_LIMIT_REQUESTS: 512,
      REDACTION_ENABLED: true,
      REDACTION_ALLOW_KEYS: ['tenant.id', 'service.name'],
      REDACTION_BLOCK_KEYS: DEFAULT_BLOCKED_KEYS.split(','),
      REDACT_SPAN_NAMES: false,
      SPANMETRICS_MAX_SERIES: 2000,
      QUEUE_DIR: '.data/collector/queue',
      QUEUE_MAX_BYTES: 1073741824,
      QUEUE_SEGMENT_BYTES: 16777216,
      EXPORT_BATCH_MAX_RECORDS: 1000,
      EXPORT_RETRY_INITIAL_MS: 500,
      EXPORT_RETRY_MAX_MS: 30000,
      EXPORT_TIMEOUT_MS: 10000,
      ELASTICSEARCH_PREFIX: 'sightline',
      ELASTICSEARCH_RETENTION_DAYS: 7,
      OPENSEARCH_PREFIX: 'sightline',
      OPENSEARCH_RETENTION_DAYS: 7,
      RETENTION_DAYS: 7,
      PARTITIONS_AHEAD_DAYS: 3,
      RETENTION_INTERVAL_MS: 3600000,
      ARCHIVE_DIR: '.data/collector/archive',
    });
  });

  it('maps each collector API key to its tenant and refuses a malformed key list', () => {
    const keys = loadCollectorConfig({
      ...REQUIRED,
      COLLECTOR_API_KEYS: 'key-acme-123=acme, key-globex-1=globex',
    }).COLLECTOR_API_KEYS;
    expect(keys.tenantOf('key-acme-123')).toBe('acme');
    expect(keys.tenantOf('key-globex-1')).toBe('globex');
    expect(keys.tenantOf('key-nobody-1')).toBeNull();
    expect(() => loadCollectorConfig({ ...REQUIRED, COLLECTOR_API_KEYS: 'short=acme' })).toThrow(
      /^COLLECTOR_API_KEYS:/,
    );
    expect(() =>
      loadCollectorConfig({ ...REQUIRED, COLLECTOR_API_KEYS: 'long-enough-key=Not A Tenant' }),
    ).toThrow(/^COLLECTOR_API_KEYS:/);
  });

  it('splits SLI_SERVICES on commas and trims the names', () => {
    expect(loadCollectorConfig({ ...REQUIRED, SLI_SERVICES: ' gateway, auth ,,' }).SLI_SERVICES).toEqual([
      'gateway',
      'auth',
    ]);
  });

  it.each([
    ['DATABASE_URL', { INTERNAL_TOKEN: REQUIRED.INTERNAL_TOKEN }],
    ['INTERNAL_TOKEN', { DATABASE_URL: REQUIRED.DATABASE_URL }],
    ['INTERNAL_TOKEN', { ...REQUIRED, INTERNAL_TOKEN: 'short' }],
    ['MAX_BODY_BYTES', { ...REQUIRED, MAX_BODY_BYTES: 'lots' }],
    ['JAEGER_OTLP_URL', { ...REQUIRED, JAEGER_OTLP_URL: 'ftp://jaeger' }],
    ['ELASTICSEARCH_PREFIX', { ...REQUIRED, ELASTICSEARCH_PREFIX: 'Bad Prefix' }],
    ['QUEUE_MAX_BYTES', { ...REQUIRED, QUEUE_MAX_BYTES: '10' }],
    ['OPENSEARCH_PREFIX', { ...REQUIRED, OPENSEARCH_PREFIX: 'Bad Prefix' }],
    ['OPENSEARCH_AWS_REGION', { ...REQUIRED, OPENSEARCH_AWS_REGION: 'Europe West' }],
    // SigV4 needs a domain to sign for, and would silently drop a user and password carried in the URL.
    ['OPENSEARCH_URL', { ...REQUIRED, OPENSEARCH_AWS_REGION: 'eu-west-1' }],
    [
      'OPENSEARCH_URL',
      { ...REQUIRED, OPENSEARCH_URL: 'https://admin:pw@search.internal', OPENSEARCH_AWS_REGION: 'eu-west-1' },
    ],
  ])('stops with an error naming %s when it is missing or invalid', (variable, env) => {
    expect(() => loadCollectorConfig(env)).not.toThrow(/admin:pw/); // a secret in a URL is never echoed
    expect(() => loadCollectorConfig(env)).toThrow(ConfigError);
    expect(() => loadCollectorConfig(env)).toThrow(new RegExp(`^${variable}:`));
  });
});
