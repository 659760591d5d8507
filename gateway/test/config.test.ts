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
      TRACE_SAMPLE_RATIO: 1,
      SEED_DEMO: false,
      ACCESS_LOG: true,
      UPSTREAM_TIMEOUT_MS: 10_000,
      LOG_LEVEL: 'info',
    });
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
    ['UPSTREAM_TIMEOUT_MS', { UPSTREAM_TIMEOUT_MS: 'soon' }],
    ['SEED_DEMO', { SEED_DEMO: 'maybe' }],
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
});
