import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError } from '@sightline/config';
import type { TestCertificates } from '@sightline/testing';
import { makeTestCertificates } from '@sightline/testing';
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
      ACCESS_LOG: 'sampled',
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
    ['ACCESS_LOG', { ACCESS_LOG: 'some' }],
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

  it('takes ACCESS_LOG as sampled, all or off, and the older true and false as all and off', () => {
    const mode = (v: string) => loadGatewayConfig({ ...valid, ACCESS_LOG: v }).ACCESS_LOG;
    expect(['sampled', 'all', 'off', 'true', 'false'].map(mode)).toEqual([
      'sampled',
      'all',
      'off',
      'all',
      'off',
    ]);
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

describe('REDIS_TLS_CA_FILE', () => {
  let certs: TestCertificates;
  const file = (name: string) => join(certs.dir, name);
  const tlsCluster = { ...valid, REDIS_CLUSTER_NODES: '127.0.0.1:7000', REDIS_CLUSTER_TLS: 'true' };
  beforeAll(() => {
    certs = makeTestCertificates();
    writeFileSync(file('garbage.pem'), 'this is not a certificate\n');
    writeFileSync(
      file('broken.pem'),
      '-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydA==\n-----END CERTIFICATE-----\n',
    );
    writeFileSync(
      file('bundle.pem'),
      readFileSync(certs.caFile, 'utf8') + readFileSync(certs.otherCaFile, 'utf8'),
    );
  });
  afterAll(() => certs.cleanup());

  it('reads the CA bundle at start, for a TLS cluster or a rediss:// REDIS_URL, and is unset by default', () => {
    const pem = readFileSync(certs.caFile, 'utf8');
    expect(loadGatewayConfig({ ...tlsCluster, REDIS_TLS_CA_FILE: certs.caFile }).REDIS_TLS_CA_FILE).toEqual({
      file: certs.caFile,
      pem,
    });
    const single = loadGatewayConfig({
      ...valid,
      REDIS_URL: 'rediss://127.0.0.1:6380',
      REDIS_TLS_CA_FILE: file('bundle.pem'),
    });
    expect(single.REDIS_TLS_CA_FILE?.pem.match(/-----BEGIN CERTIFICATE-----/g)).toHaveLength(2);
    expect(loadGatewayConfig(tlsCluster).REDIS_TLS_CA_FILE).toBeUndefined();
  });

  it.each([
    [
      'a missing file',
      () => file('missing.pem'),
      /^REDIS_TLS_CA_FILE: cannot read .*missing\.pem \(ENOENT\)$/,
    ],
    ['a directory', () => certs.dir, /^REDIS_TLS_CA_FILE: cannot read .* \(EISDIR\)$/],
    [
      'a file that is not PEM',
      () => file('garbage.pem'),
      /^REDIS_TLS_CA_FILE: .*garbage\.pem holds no PEM certificate$/,
    ],
    [
      'a private key alone',
      () => certs.keyFile,
      /^REDIS_TLS_CA_FILE: .*server\.key holds no PEM certificate$/,
    ],
    [
      'a PEM block that is no certificate',
      () => file('broken.pem'),
      /^REDIS_TLS_CA_FILE: certificate 1 of .*broken\.pem is not a valid certificate$/,
    ],
  ])('refuses %s with an error that names the variable', (_what, path, message) => {
    const attempt = () => loadGatewayConfig({ ...tlsCluster, REDIS_TLS_CA_FILE: path() });
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(message);
  });

  it.each([
    ['no Redis at all', {}],
    ['a plain redis:// REDIS_URL', { REDIS_URL: 'redis://127.0.0.1:6379' }],
    ['a cluster without REDIS_CLUSTER_TLS', { REDIS_CLUSTER_NODES: '127.0.0.1:7000' }],
    [
      'a cluster without REDIS_CLUSTER_TLS beside a rediss:// REDIS_URL (the cluster wins)',
      { REDIS_CLUSTER_NODES: '127.0.0.1:7000', REDIS_URL: 'rediss://127.0.0.1:6380' },
    ],
  ])('refuses a CA with %s, as no connection would use it', (_what, env) => {
    const attempt = () => loadGatewayConfig({ ...valid, ...env, REDIS_TLS_CA_FILE: certs.caFile });
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(/^REDIS_TLS_CA_FILE: is set but no Redis connection uses TLS/);
  });
});
