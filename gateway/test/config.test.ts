import { ConfigError } from '@sightline/config';
import { loadGatewayConfig } from '../src/config';

const valid = {
  DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/sightline',
  INTERNAL_TOKEN: 'a-long-enough-internal-token',
};

describe('gateway configuration', () => {
  it('fills in the documented defaults when only the required variables are set', () => {
    expect(loadGatewayConfig(valid)).toMatchObject({
      GATEWAY_PORT: 8080,
      GATEWAY_ADMIN_PORT: 8090,
      HOST: '127.0.0.1',
      UPSTREAM_URL: 'http://127.0.0.1:8070',
      AUTH_URL: 'http://127.0.0.1:8081',
      TRACE_SAMPLE_RATIO: 0.1,
      SLI_METRICS: true,
      SLI_EXPORT_MS: 200,
      SEED_DEMO: false,
      ACCESS_LOG: true,
      UPSTREAM_TIMEOUT_MS: 10_000,
      LOG_LEVEL: 'info',
      REDIS_CLUSTER_NODES: [],
      REDIS_KEY_PREFIX: 'sl:gw:',
      REDIS_COMMAND_TIMEOUT_MS: 50,
      GATEWAY_REPLICAS: 1,
      TRUSTED_PROXY_CIDRS: [],
      MAX_BODY_BYTES: 10 * 1024 * 1024,
      API_KEY_CACHE_TTL_MS: 30_000,
      REVOCATION_POLL_MS: 2_000,
      CONFIG_RECONCILE_MS: 30_000,
      AUTH_ISSUER: 'sightline-auth',
      TRACING: true,
    });
    expect(loadGatewayConfig(valid).ROUTES_JSON).toBeUndefined();
    expect(loadGatewayConfig(valid).REDIS_URL).toBeUndefined();
  });

  it.each([
    ['DATABASE_URL', { DATABASE_URL: 'not a url' }],
    ['DATABASE_URL', { DATABASE_URL: 'mysql://root@127.0.0.1/db' }],
    ['DATABASE_URL', { DATABASE_URL: undefined }],
    ['INTERNAL_TOKEN', { INTERNAL_TOKEN: 'short' }],
    ['REDIS_URL', { REDIS_URL: 'http://127.0.0.1:6379' }],
    ['GATEWAY_PORT', { GATEWAY_PORT: '70000' }],
    ['TRACE_SAMPLE_RATIO', { TRACE_SAMPLE_RATIO: '1.5' }],
    ['SLI_EXPORT_MS', { SLI_EXPORT_MS: '10' }],
    ['UPSTREAM_TIMEOUT_MS', { UPSTREAM_TIMEOUT_MS: 'soon' }],
    ['SEED_DEMO', { SEED_DEMO: 'maybe' }],
    ['ROUTES_JSON', { ROUTES_JSON: '{not json' }],
    ['ROUTES_JSON', { ROUTES_JSON: '[]' }],
    [
      'ROUTES_JSON',
      { ROUTES_JSON: '[{"prefix":"x","upstream":"http://a","credentials":true,"endpointClass":"data"}]' },
    ],
    [
      'ROUTES_JSON',
      { ROUTES_JSON: '[{"prefix":"/a","upstream":"ftp://a","credentials":true,"endpointClass":"data"}]' },
    ],
    [
      'ROUTES_JSON',
      {
        ROUTES_JSON: '[{"prefix":"/a","upstream":"http://a","credentials":true,"endpointClass":"Bad Class"}]',
      },
    ],
    ['TRUSTED_PROXY_CIDRS', { TRUSTED_PROXY_CIDRS: '10.0.0.0/8, 300.1.1.1/32' }],
    ['TRUSTED_PROXY_CIDRS', { TRUSTED_PROXY_CIDRS: '10.0.0.0/33' }],
    ['REDIS_CLUSTER_NODES', { REDIS_CLUSTER_NODES: '127.0.0.1:7000,redis://x' }],
    ['REDIS_KEY_PREFIX', { REDIS_KEY_PREFIX: 'bad{prefix}' }],
    ['GATEWAY_REPLICAS', { GATEWAY_REPLICAS: '0' }],
    ['MAX_BODY_BYTES', { MAX_BODY_BYTES: '-1' }],
  ])('rejects a bad %s with an error that names the variable', (variable, override) => {
    const attempt = () => loadGatewayConfig({ ...valid, ...override });
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(new RegExp(`^${variable}: `));
  });

  it('never echoes a database password in its error', () => {
    expect(() => loadGatewayConfig({ ...valid, DATABASE_URL: 'mysql://root:hunter2@db/x' })).toThrow(
      /^DATABASE_URL: (?!.*hunter2)/,
    );
  });

  it('parses a route table, trusted proxy CIDRs and cluster nodes', () => {
    const config = loadGatewayConfig({
      ...valid,
      ROUTES_JSON: JSON.stringify([
        {
          prefix: '/auth/',
          upstream: 'http://127.0.0.1:8081',
          credentials: false,
          endpointClass: 'auth',
          stripPrefix: true,
        },
        {
          prefix: '/',
          upstream: 'http://127.0.0.1:8070',
          credentials: true,
          endpointClass: 'data',
          maxBodyBytes: 1024,
        },
      ]),
      TRUSTED_PROXY_CIDRS: '10.0.0.0/8, ::1/128,192.0.2.1',
      REDIS_CLUSTER_NODES: '127.0.0.1:7000, 127.0.0.1:7001',
    });
    expect(config.ROUTES_JSON).toHaveLength(2);
    expect(config.ROUTES_JSON![1]).toMatchObject({ stripPrefix: false, maxBodyBytes: 1024 });
    expect(config.TRUSTED_PROXY_CIDRS).toEqual(['10.0.0.0/8', '::1/128', '192.0.2.1']);
    expect(config.REDIS_CLUSTER_NODES).toEqual(['127.0.0.1:7000', '127.0.0.1:7001']);
  });
});
