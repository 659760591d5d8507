import { execFileSync, spawnSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import {
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import type { IncomingHttpHeaders } from 'node:http';
import type { Agent } from 'node:https';
import { Agent as HttpsAgent, request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ConnectionOptions, TLSSocket } from 'node:tls';
import { connect } from 'node:tls';
import { ConfigError } from '@sightline/config';
import { DEMO_TENANTS } from '@sightline/contracts';
import { waitFor } from '@sightline/testing';
import { loadGatewayConfig } from '../src/config';
import type { GatewayHandle } from '../src/startGateway';
import type { ReceivedRequest } from './support/fakeUpstream';
import type { Harness } from './support/startHarness';
import { startHarness } from './support/startHarness';
import { send } from './support/send';

const KEY = { 'x-api-key': DEMO_TENANTS.find((t) => t.id === 'acme')!.demoApiKey };

/** Pair is a PEM certificate and key as files would hold them. */
interface Pair {
  cert: string;
  key: string;
  serial: string;
}

let work: string;
let caCert: string;

function openssl(args: string[]): void {
  execFileSync('openssl', args, { cwd: work, stdio: 'pipe' });
}

/** leaf issues an RSA certificate for 127.0.0.1 from the test CA (RSA, so suites with RSA key exchange could apply). */
function leaf(name: string, serial: number, days = 2): Pair {
  openssl([
    'req',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    `${name}.key`,
    '-out',
    `${name}.csr`,
    '-subj',
    `/CN=${name}`,
  ]);
  openssl([
    'x509',
    '-req',
    '-in',
    `${name}.csr`,
    '-CA',
    'ca.crt',
    '-CAkey',
    'ca.key',
    '-set_serial',
    String(serial),
    '-days',
    String(days),
    '-extfile',
    'san.ext',
    '-out',
    `${name}.crt`,
  ]);
  const cert = readFileSync(join(work, `${name}.crt`), 'utf8');
  const key = readFileSync(join(work, `${name}.key`), 'utf8');
  return { cert, key, serial: new X509Certificate(cert).serialNumber };
}

/**
 * Mount lays files out as a Kubernetes secret volume does: `tls.crt -> ..data/tls.crt`, `..data -> ..<version>`;
 * swap replaces the `..data` symlink atomically with a rename, as the kubelet's AtomicWriter does.
 */
class Mount {
  constructor(readonly dir: string) {
    mkdirSync(dir);
    symlinkSync('..data/tls.crt', join(dir, 'tls.crt'));
    symlinkSync('..data/tls.key', join(dir, 'tls.key'));
  }
  get certFile() {
    return join(this.dir, 'tls.crt');
  }
  get keyFile() {
    return join(this.dir, 'tls.key');
  }
  swap(version: string, files: { cert: string; key: string }): void {
    mkdirSync(join(this.dir, `..${version}`));
    writeFileSync(join(this.dir, `..${version}`, 'tls.crt'), files.cert);
    writeFileSync(join(this.dir, `..${version}`, 'tls.key'), files.key);
    symlinkSync(`..${version}`, join(this.dir, '..data_tmp'));
    renameSync(join(this.dir, '..data_tmp'), join(this.dir, '..data'));
  }
  /** overwriteInPlace rewrites the served version's files, where no watch on the mount directory sees it. */
  overwriteInPlace(version: string, files: { cert: string; key: string }): void {
    writeFileSync(join(this.dir, `..${version}`, 'tls.key'), files.key);
    writeFileSync(join(this.dir, `..${version}`, 'tls.crt'), files.cert);
  }
}

interface HttpsReply {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
  serial: string;
  socket: TLSSocket;
}

function httpsGet(port: number, agent: Agent | false, path = '/api/orders'): Promise<HttpsReply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers: KEY, ca: caCert, agent }, (res) => {
      const socket = res.socket as TLSSocket;
      const serial = socket.getPeerCertificate().serialNumber;
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', reject);
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: Buffer.concat(chunks).toString(),
          serial,
          socket,
        }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

type Handshake = { ok: true; protocol: string; cipher: string; serial: string } | { ok: false; code: string };

function handshake(port: number, options: ConnectionOptions = {}): Promise<Handshake> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port, ca: caCert, ...options }, () => {
      resolve({
        ok: true,
        protocol: socket.getProtocol() ?? '',
        cipher: socket.getCipher().name,
        serial: socket.getPeerCertificate().serialNumber,
      });
      socket.end();
    });
    socket.on('error', (err: NodeJS.ErrnoException) => resolve({ ok: false, code: err.code ?? err.message }));
  });
}

const legacy = (version: 'TLSv1' | 'TLSv1.1'): ConnectionOptions => ({
  minVersion: 'TLSv1',
  maxVersion: version,
  // OpenSSL 3 would not even offer TLS 1.0/1.1 at its default security level; level 0 makes the client try.
  ciphers: 'DEFAULT@SECLEVEL=0',
});

let h: Harness;
let mount: Mount;
let a: Pair;
let b: Pair;

const REFUSED = 'TLS certificate reload refused; still serving the previous certificate';
const logsOf = (msg: string, file: string) =>
  h.telemetry.logs().filter((l) => l.msg === msg && l.file === file);
const metricsText = async () => (await send(h.gateway.adminPort, { path: '/metrics' })).body;
const counter = (text: string, result: string) =>
  Number(
    new RegExp(
      `^gateway_tls_certificate_reloads_total\\{result="${result}",service="gateway"\\} (\\d+)$`,
      'm',
    ).exec(text)?.[1] ?? NaN,
  );

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'sl-gw-tls-'));
  writeFileSync(join(work, 'san.ext'), 'subjectAltName=IP:127.0.0.1,DNS:localhost\n');
  openssl([
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    'ca.key',
    '-out',
    'ca.crt',
    '-days',
    '2',
    '-subj',
    '/CN=Sightline Test CA',
  ]);
  caCert = readFileSync(join(work, 'ca.crt'), 'utf8');
  a = leaf('a', 0xa1);
  b = leaf('b', 0xb2);
  mount = new Mount(join(work, 'mount'));
  mount.swap('v1', a);
  h = await startHarness({
    env: { GATEWAY_TLS_CERT_FILE: mount.certFile, GATEWAY_TLS_KEY_FILE: mount.keyFile },
  });
});

afterAll(async () => {
  await h?.close();
  rmSync(work, { recursive: true, force: true });
});

describe('the gateway terminating TLS itself', () => {
  it('serves the proxy over HTTPS with a certificate the client verifies, and tells the upstream the scheme is https', async () => {
    const res = await httpsGet(h.gateway.proxyPort, false);
    expect(res.status).toBe(200);
    expect(res.serial).toBe(a.serial);
    const seen = JSON.parse(res.body) as ReceivedRequest;
    expect(seen.headers['x-forwarded-proto']).toBe('https');
    expect(seen.headers['x-sightline-tenant']).toBe('acme');
    await expect(send(h.gateway.proxyPort, { headers: KEY })).rejects.toThrow();
  });

  it('refuses TLS 1.0 and TLS 1.1 handshakes with a protocol-version alert', async () => {
    expect(await handshake(h.gateway.proxyPort, legacy('TLSv1'))).toEqual({
      ok: false,
      code: 'ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION',
    });
    expect(await handshake(h.gateway.proxyPort, legacy('TLSv1.1'))).toEqual({
      ok: false,
      code: 'ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION',
    });
    expect(await handshake(h.gateway.proxyPort)).toMatchObject({ ok: true, protocol: 'TLSv1.3' });
  });

  it.each([
    ['AES128-SHA', 'RSA key exchange, CBC'],
    ['AES256-GCM-SHA384', 'RSA key exchange, no forward secrecy'],
    ['DHE-RSA-AES128-GCM-SHA256', 'finite-field DHE'],
    ['ECDHE-RSA-AES128-SHA', 'ECDHE but CBC with SHA-1'],
    ['ECDHE-RSA-AES256-SHA384', 'ECDHE but CBC'],
  ])('refuses the TLS 1.2 suite %s (%s)', async (cipher) => {
    expect(await handshake(h.gateway.proxyPort, { maxVersion: 'TLSv1.2', ciphers: cipher })).toEqual({
      ok: false,
      code: 'ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE',
    });
  });

  it('negotiates TLS 1.2 only with ECDHE and an AEAD, in its own order of preference', async () => {
    for (const cipher of [
      'ECDHE-RSA-AES128-GCM-SHA256',
      'ECDHE-RSA-AES256-GCM-SHA384',
      'ECDHE-RSA-CHACHA20-POLY1305',
    ])
      expect(await handshake(h.gateway.proxyPort, { maxVersion: 'TLSv1.2', ciphers: cipher })).toMatchObject({
        ok: true,
        protocol: 'TLSv1.2',
        cipher,
      });
    const offered =
      'AES128-SHA:ECDHE-RSA-CHACHA20-POLY1305:ECDHE-RSA-AES256-GCM-SHA384:ECDHE-RSA-AES128-GCM-SHA256';
    expect(await handshake(h.gateway.proxyPort, { maxVersion: 'TLSv1.2', ciphers: offered })).toMatchObject({
      ok: true,
      cipher: 'ECDHE-RSA-AES128-GCM-SHA256',
    });
  });

  it('serves a certificate swapped into its secret mount to new connections within two seconds, without a restart, while a kept-alive connection carries on', async () => {
    const agent = new HttpsAgent({ keepAlive: true, maxSockets: 1 });
    try {
      const first = await httpsGet(h.gateway.proxyPort, agent);
      expect(first.serial).toBe(a.serial);
      const swapped = Date.now();
      mount.swap('v2', b);
      // The periodic comparison runs every 10 s here, so a reload this quick came from watching the mount.
      const line = await waitFor(() => logsOf('TLS certificate reloaded', mount.certFile)[0], 2_000, 20);
      const reloadMs = Date.now() - swapped;
      console.log(`certificate reload after a secret-mount swap: ${reloadMs} ms`);
      expect(line).toMatchObject({ level: 'info', certificate: { serialNumber: b.serial } });

      const again = await httpsGet(h.gateway.proxyPort, agent);
      expect(again.socket).toBe(first.socket);
      expect(again.status).toBe(200);
      expect(again.serial).toBe(a.serial);

      const fresh = await httpsGet(h.gateway.proxyPort, false);
      expect(fresh.status).toBe(200);
      expect(fresh.serial).toBe(b.serial);
    } finally {
      agent.destroy();
    }
    // The protocol floor and the suite list survive the new context.
    expect(await handshake(h.gateway.proxyPort, legacy('TLSv1.1'))).toMatchObject({ ok: false });
    expect(
      await handshake(h.gateway.proxyPort, { maxVersion: 'TLSv1.2', ciphers: 'AES128-SHA' }),
    ).toMatchObject({
      ok: false,
    });

    const text = await metricsText();
    expect(counter(text, 'ok')).toBe(1);
    expect(counter(text, 'error')).toBe(0);
    const expiry = new Date(new X509Certificate(b.cert).validTo).getTime() / 1000;
    expect(text).toContain(`gateway_tls_certificate_expiry_timestamp_seconds{service="gateway"} ${expiry}`);
    const check = spawnSync('promtool', ['check', 'metrics'], { input: text, encoding: 'utf8' });
    expect(`${check.stdout}${check.stderr}`.trim()).toBe('');
    expect(check.status).toBe(0);
  });

  it.each([
    [
      'a certificate file that is not PEM',
      () => ({ cert: 'not a certificate\n', key: b.key }),
      /not a PEM certificate/,
    ],
    [
      'a certificate with a key that is not its own',
      () => ({ cert: leaf('c', 0xc3).cert, key: b.key }),
      /does not match/,
    ],
    ['an expired certificate', () => leaf('expired', 0xe4, -1), /expired/],
    ['an empty key file', () => ({ cert: b.cert, key: '' }), /private key/],
  ])(
    'keeps serving the current certificate when %s is swapped in, and says so once',
    async (_name, make, reason) => {
      const refusals = () =>
        h.telemetry
          .logs()
          .filter((l) => l.msg === REFUSED && (l.file === mount.certFile || l.file === mount.keyFile));
      const refusedBefore = refusals().length;
      const errorsBefore = counter(await metricsText(), 'error');
      mount.swap(`bad-${errorsBefore}`, make());
      await waitFor(() => refusals().length > refusedBefore, 2_000, 20);
      const refusal = refusals().pop()!;
      expect(refusal).toMatchObject({ level: 'error' });
      expect(String(refusal.reason)).toMatch(reason);
      expect(counter(await metricsText(), 'error')).toBe(errorsBefore + 1);
      // Another event in the mount makes the reloader look again: the same bad files are not reported twice.
      writeFileSync(join(mount.dir, `unrelated-${errorsBefore}`), 'x');
      await new Promise((r) => setTimeout(r, 300));
      expect(refusals().length).toBe(refusedBefore + 1);

      const res = await httpsGet(h.gateway.proxyPort, false);
      expect(res.status).toBe(200);
      expect(res.serial).toBe(b.serial);
      expect(JSON.stringify(h.telemetry.logs())).not.toContain('PRIVATE KEY');
    },
  );

  it('serves a good pair again after bad ones, and counts only that as a reload', async () => {
    const d = leaf('d', 0xd5);
    mount.swap('v3', d);
    await waitFor(
      async () => {
        const hs = await handshake(h.gateway.proxyPort);
        return hs.ok && hs.serial === d.serial;
      },
      2_000,
      20,
    );
    expect(counter(await metricsText(), 'ok')).toBe(2);
  });
});

describe('TLS configuration', () => {
  let extra: GatewayHandle | undefined;
  afterEach(async () => {
    await extra?.close();
    extra = undefined;
  });

  it('accepts only TLS 1.3 when GATEWAY_TLS_MIN_VERSION=TLSv1.3', async () => {
    extra = await h.startReplica({
      GATEWAY_TLS_CERT_FILE: mount.certFile,
      GATEWAY_TLS_KEY_FILE: mount.keyFile,
      GATEWAY_TLS_MIN_VERSION: 'TLSv1.3',
    });
    expect(await handshake(extra.proxyPort, { maxVersion: 'TLSv1.2' })).toEqual({
      ok: false,
      code: 'ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION',
    });
    expect(await handshake(extra.proxyPort)).toMatchObject({ ok: true, protocol: 'TLSv1.3' });
  });

  it('finds a pair changed where no watch event reaches it by comparing the files every GATEWAY_TLS_CHECK_MS', async () => {
    const own = new Mount(join(work, 'polled'));
    own.swap('v1', a);
    extra = await h.startReplica({
      GATEWAY_TLS_CERT_FILE: own.certFile,
      GATEWAY_TLS_KEY_FILE: own.keyFile,
      GATEWAY_TLS_CHECK_MS: '300',
    });
    expect(await handshake(extra.proxyPort)).toMatchObject({ ok: true, serial: a.serial });
    own.overwriteInPlace('v1', b);
    const port = extra.proxyPort;
    await waitFor(
      async () => {
        const hs = await handshake(port);
        return hs.ok && hs.serial === b.serial;
      },
      3_000,
      50,
    );
    expect(
      h.telemetry.logs().filter((l) => l.msg === 'TLS certificate reloaded' && l.file === own.certFile),
    ).toHaveLength(1);
  });

  it.each([
    ['GATEWAY_TLS_KEY_FILE', 'a certificate without its key', { GATEWAY_TLS_CERT_FILE: '/etc/tls/tls.crt' }],
    ['GATEWAY_TLS_CERT_FILE', 'a key without its certificate', { GATEWAY_TLS_KEY_FILE: '/etc/tls/tls.key' }],
    ['GATEWAY_TLS_MIN_VERSION', 'TLS 1.1 as the minimum', { GATEWAY_TLS_MIN_VERSION: 'TLSv1.1' }],
    ['GATEWAY_TLS_CHECK_MS', 'a check interval below 100 ms', { GATEWAY_TLS_CHECK_MS: '10' }],
  ])('refuses to load with a ConfigError naming %s for %s', (variable, _name, env) => {
    let thrown: unknown;
    try {
      loadGatewayConfig({
        DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/x',
        INTERNAL_TOKEN: 'x'.repeat(16),
        ...env,
      });
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(ConfigError);
    expect(thrown).toMatchObject({ variable });
  });

  it.each([
    [
      'GATEWAY_TLS_KEY_FILE',
      'a key file that does not exist',
      () => ({ cert: mount.certFile, key: join(work, 'missing.key') }),
    ],
    [
      'GATEWAY_TLS_CERT_FILE',
      'an expired certificate',
      () => {
        const expired = leaf('expired-start', 0xe5, -1);
        writeFileSync(join(work, 'expired.crt'), expired.cert);
        writeFileSync(join(work, 'expired.key'), expired.key);
        return { cert: join(work, 'expired.crt'), key: join(work, 'expired.key') };
      },
    ],
    [
      'GATEWAY_TLS_KEY_FILE',
      'a key that is not the certificate’s',
      () => {
        writeFileSync(join(work, 'other.key'), a.key);
        return { cert: join(work, 'b.crt'), key: join(work, 'other.key') };
      },
    ],
  ])('does not start, with a ConfigError naming %s, for %s', async (variable, _name, files) => {
    const { cert, key } = files();
    await expect(
      h.startReplica({ GATEWAY_TLS_CERT_FILE: cert, GATEWAY_TLS_KEY_FILE: key }),
    ).rejects.toMatchObject({
      name: 'ConfigError',
      variable,
    });
  });
});
