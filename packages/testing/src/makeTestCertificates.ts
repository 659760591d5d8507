import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { registerExitCleanup } from './registerExitCleanup';

/** TestCertificates are the PEM files of a throwaway CA, a server certificate it issued and an unrelated CA. */
export interface TestCertificates {
  /** The temp dir that holds every file. */
  dir: string;
  /** The CA that issued certFile: trusting it accepts the server. */
  caFile: string;
  /** Server certificate for 127.0.0.1 and localhost (also usable as a client certificate). */
  certFile: string;
  /** Unencrypted private key of certFile. */
  keyFile: string;
  /** A second CA that issued nothing here: trusting only it must make certFile fail verification. */
  otherCaFile: string;
  /** cleanup removes the temp dir; calling it twice is harmless. */
  cleanup(): void;
}

/**
 * makeTestCertificates creates, with the `openssl` CLI in a temp dir, a CA, a server certificate it signed for
 * IP 127.0.0.1 and DNS localhost, and a second, unrelated CA for tests that must see verification fail. Keys are
 * P-256 (quick to generate); everything is valid for `days` days. The dir is also removed if the process exits
 * before cleanup is called.
 */
export function makeTestCertificates(days = 2): TestCertificates {
  const dir = mkdtempSync(join(tmpdir(), 'sl-test-certs-'));
  const remove = () => rmSync(dir, { recursive: true, force: true });
  const unregister = registerExitCleanup(remove);
  const cleanup = () => {
    remove();
    unregister();
  };
  const openssl = (args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
  const newKey = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  const ca = (name: string, subject: string) =>
    openssl([
      'req',
      '-x509',
      ...newKey,
      '-keyout',
      `${name}.key`,
      '-out',
      `${name}.crt`,
      '-days',
      String(days),
      '-subj',
      subject,
      '-addext',
      'basicConstraints=critical,CA:TRUE',
      '-addext',
      'keyUsage=critical,keyCertSign,cRLSign',
    ]);
  try {
    ca('ca', '/CN=Sightline Test CA');
    ca('other-ca', '/CN=Unrelated Test CA');
    // Redis nodes present the same certificate when they connect to each other (cluster bus, replication), so it
    // is good for both ends.
    writeFileSync(
      join(dir, 'server.ext'),
      [
        'subjectAltName=IP:127.0.0.1,DNS:localhost',
        'basicConstraints=CA:FALSE',
        'keyUsage=critical,digitalSignature,keyEncipherment',
        'extendedKeyUsage=serverAuth,clientAuth',
        '',
      ].join('\n'),
    );
    openssl(['req', ...newKey, '-keyout', 'server.key', '-out', 'server.csr', '-subj', '/CN=localhost']);
    openssl([
      'x509',
      '-req',
      '-in',
      'server.csr',
      '-CA',
      'ca.crt',
      '-CAkey',
      'ca.key',
      '-set_serial',
      '1',
      '-days',
      String(days),
      '-extfile',
      'server.ext',
      '-out',
      'server.crt',
    ]);
  } catch (err) {
    cleanup();
    throw err;
  }
  return {
    dir,
    caFile: join(dir, 'ca.crt'),
    certFile: join(dir, 'server.crt'),
    keyFile: join(dir, 'server.key'),
    otherCaFile: join(dir, 'other-ca.crt'),
    cleanup,
  };
}
