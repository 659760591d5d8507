import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chart } from './support/chart';
import { tryRender } from './support/renderChart';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'sightline-helm-values-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** Renders the prod values plus one extra values file holding `yaml`, and returns helm's error output. */
function renderWith(name: string, yaml: string): { status: number | null; stderr: string } {
  const file = join(dir, `${name}.yaml`);
  writeFileSync(file, yaml);
  const r = tryRender([chart.valuesFile('prod'), file]);
  return { status: r.status, stderr: r.stderr };
}

describe('values.schema.json and the chart refuse bad values, naming the field', () => {
  it('refuses replicas given as a word', () => {
    const r = renderWith('replicas-word', 'gateway:\n  replicas: two\n');
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain("at '/gateway/replicas': got string, want integer");
  });

  it('refuses an unknown key inside a service', () => {
    const r = renderWith('unknown-key', 'auth:\n  replica: 3\n');
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain("at '/auth': additional properties 'replica' not allowed");
  });

  it('refuses an unknown top-level key', () => {
    const r = renderWith('unknown-top', 'postgresql:\n  enabled: true\n');
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain("additional properties 'postgresql' not allowed");
  });

  it('refuses a secret written inline instead of as a Secret reference', () => {
    const r = renderWith(
      'inline-secret',
      'gateway:\n  secretEnv:\n    DATABASE_URL: postgres://user:pw@db/sightline\n',
    );
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain("at '/gateway/secretEnv/DATABASE_URL'");
  });

  it('refuses a rollout surge under 25 %', () => {
    const r = renderWith('small-surge', 'api:\n  maxSurge: 10%\n');
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain("at '/api/maxSurge'");
  });

  it('refuses a container without a memory limit', () => {
    const r = renderWith('no-limit', 'collector:\n  resources:\n    limits:\n      memory: null\n');
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain("at '/collector/resources/limits': missing property 'memory'");
  });

  it('refuses a number where an environment value must be a quoted string', () => {
    const r = renderWith('numeric-env', 'collector:\n  env:\n    QUEUE_MAX_BYTES: 536870912\n');
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain("at '/collector/env/QUEUE_MAX_BYTES': got number, want string");
  });

  it('refuses a variable the chart wires itself, naming it', () => {
    const r = renderWith('managed-env', 'api:\n  env:\n    AUTH_URL: http://elsewhere:8081\n');
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain('api.env.AUTH_URL: the chart sets AUTH_URL itself; remove it from values');
  });

  it('refuses a variable given both as plain env and as a secret', () => {
    const r = renderWith('both', 'gateway:\n  env:\n    REDIS_CLUSTER_PASSWORD: not-a-secret-here\n');
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain(
      'gateway.secretEnv.REDIS_CLUSTER_PASSWORD: REDIS_CLUSTER_PASSWORD is already set as plain env',
    );
  });

  it('refuses a ServiceAccount annotation that is not a string, and any other ServiceAccount key', () => {
    const number = renderWith(
      'sa-annotation-number',
      'reports:\n  serviceAccount:\n    annotations:\n      weight: 3\n',
    );
    expect(number.status).not.toBe(0);
    expect(number.stderr).toContain(
      "at '/reports/serviceAccount/annotations/weight': got number, want string",
    );
    const create = renderWith('sa-create', 'reports:\n  serviceAccount:\n    create: false\n');
    expect(create.status).not.toBe(0);
    expect(create.stderr).toContain(
      "at '/reports/serviceAccount': additional properties 'create' not allowed",
    );
  });

  it('refuses the gateway terminating TLS without a Secret to serve', () => {
    const r = renderWith('tls-no-secret', 'gateway:\n  tls:\n    enabled: true\n');
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain("at '/gateway/tls': missing property 'secretName'");
    const empty = renderWith('tls-empty-secret', "gateway:\n  tls:\n    enabled: true\n    secretName: ''\n");
    expect(empty.status).not.toBe(0);
    expect(empty.stderr).toContain("at '/gateway/tls/secretName'");
  });

  it('refuses a TLS version the gateway does not offer, and a file check faster than it accepts', () => {
    const old = renderWith('tls-1.1', 'gateway:\n  tls:\n    minVersion: TLSv1.1\n');
    expect(old.status).not.toBe(0);
    expect(old.stderr).toContain("at '/gateway/tls/minVersion': value must be one of 'TLSv1.2', 'TLSv1.3'");
    const fast = renderWith('tls-check', 'gateway:\n  tls:\n    checkMs: 50\n');
    expect(fast.status).not.toBe(0);
    expect(fast.stderr).toContain("at '/gateway/tls/checkMs': minimum: got 50, want 100");
  });

  it('refuses GATEWAY_TLS_* given as env or as a secret, pointing at gateway.tls', () => {
    const env = renderWith('tls-env', 'gateway:\n  env:\n    GATEWAY_TLS_CERT_FILE: /etc/tls/tls.crt\n');
    expect(env.status).not.toBe(0);
    expect(env.stderr).toContain(
      "gateway.env.GATEWAY_TLS_CERT_FILE: the gateway's TLS is set with gateway.tls",
    );
    const secret = renderWith(
      'tls-secret-env',
      'gateway:\n  secretEnv:\n    GATEWAY_TLS_KEY_FILE: { secretName: my-tls, key: tls.key }\n',
    );
    expect(secret.status).not.toBe(0);
    expect(secret.stderr).toContain(
      "gateway.secretEnv.GATEWAY_TLS_KEY_FILE: the gateway's TLS is set with gateway.tls",
    );
  });

  it("refuses trusting forwarded client IPs when the ingress passes the gateway's TLS through", () => {
    const r = renderWith(
      'tls-trusted-proxies',
      'gateway:\n  tls:\n    enabled: true\n    secretName: sightline-gateway-tls\n',
    );
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain(
      'gateway.env.TRUSTED_PROXY_CIDRS: with gateway.tls.enabled the ingress passes TLS through',
    );
  });

  it('accepts null to drop a default secret, and the pod then neither mounts nor names it', () => {
    const r = tryRender([chart.valuesFile('prod')], ['alerting.secretEnv.SLACK_WEBHOOK_URL=null']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).not.toContain('SLACK_WEBHOOK_URL');
  });
});
