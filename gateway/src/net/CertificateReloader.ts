import { createHash } from 'node:crypto';
import type { FSWatcher } from 'node:fs';
import { readFileSync, watch } from 'node:fs';
import { dirname } from 'node:path';
import type { CertificatePair, CertificatePairResult } from './readCertificatePair';
import { checkCertificatePair } from './readCertificatePair';
import type { TlsMinVersion } from './tlsServerOptions';

/** CertificateReloaderOptions say which files to follow and what to do with a new pair. */
export interface CertificateReloaderOptions {
  certFile: string;
  keyFile: string;
  minVersion: TlsMinVersion;
  /** How often the files are compared even without a watch event. */
  checkMs: number;
  /** install puts a checked pair into service (server.setSecureContext); a throw counts as an invalid pair. */
  install(pair: CertificatePair): void;
  /** onReload hears every change of the files: the pair now served, or why the new files were refused. */
  onReload(result: CertificatePairResult): void;
}

// A writer that replaces the certificate and then the key produces two events; one check after both sees the pair.
const SETTLE_MS = 100;

/**
 * CertificateReloader serves renewed certificates without a restart: it watches the files' directories (a
 * Kubernetes secret mount swaps a `..data` symlink there, which a watch on the file itself never sees) and also
 * compares the files every `checkMs`, since watches miss events on some file systems. A changed pair is checked
 * before it is installed; a bad one is reported once and the pair in service stays.
 */
export class CertificateReloader {
  private served: CertificatePair;
  private refused: string | undefined;
  private readonly watchers: FSWatcher[] = [];
  private timer: NodeJS.Timeout | undefined;
  private settle: NodeJS.Timeout | undefined;

  constructor(
    private readonly options: CertificateReloaderOptions,
    initial: CertificatePair,
  ) {
    this.served = initial;
  }

  /** pair is the certificate pair in service. */
  get pair(): CertificatePair {
    return this.served;
  }

  /** start begins watching and the periodic comparison. */
  start(): void {
    for (const dir of new Set([dirname(this.options.certFile), dirname(this.options.keyFile)])) {
      try {
        const watcher = watch(dir, { persistent: false }, () => this.scheduleCheck());
        // A watch that fails (its directory went away) is dropped; the periodic comparison still runs.
        watcher.on('error', () => watcher.close());
        this.watchers.push(watcher);
      } catch {
        // Same: not every file system supports watching.
      }
    }
    this.timer = setInterval(() => this.check(), this.options.checkMs);
    this.timer.unref();
  }

  /** check reads both files and installs them if they changed and make a valid pair. */
  check(): void {
    let cert: Buffer;
    let key: Buffer;
    try {
      cert = readFileSync(this.options.certFile);
    } catch (err) {
      this.refuse(`read:cert:${codeOf(err)}`, {
        kind: 'invalid',
        part: 'cert',
        reason: `cannot read ${this.options.certFile} (${codeOf(err)})`,
      });
      return;
    }
    try {
      key = readFileSync(this.options.keyFile);
    } catch (err) {
      this.refuse(`read:key:${codeOf(err)}`, {
        kind: 'invalid',
        part: 'key',
        reason: `cannot read ${this.options.keyFile} (${codeOf(err)})`,
      });
      return;
    }
    if (cert.equals(this.served.cert) && key.equals(this.served.key)) {
      this.refused = undefined;
      return;
    }
    const digest = createHash('sha256').update(cert).update('\0').update(key).digest('hex');
    if (digest === this.refused) return;
    const result = checkCertificatePair(cert, key, this.options.minVersion);
    if (result.kind === 'invalid') {
      this.refuse(digest, result);
      return;
    }
    try {
      this.options.install(result.pair);
    } catch (err) {
      this.refuse(digest, {
        kind: 'invalid',
        part: 'cert',
        reason: `cannot install the pair (${codeOf(err)})`,
      });
      return;
    }
    this.served = result.pair;
    this.refused = undefined;
    this.options.onReload(result);
  }

  /** stop ends watching and the periodic comparison. */
  stop(): void {
    for (const w of this.watchers) w.close();
    this.watchers.length = 0;
    clearInterval(this.timer);
    clearTimeout(this.settle);
  }

  private scheduleCheck(): void {
    if (this.settle !== undefined) return;
    this.settle = setTimeout(() => {
      this.settle = undefined;
      this.check();
    }, SETTLE_MS);
    this.settle.unref();
  }

  // The same bad files are reported once, not at every comparison until someone fixes them.
  private refuse(fingerprint: string, result: CertificatePairResult): void {
    if (fingerprint === this.refused) return;
    this.refused = fingerprint;
    this.options.onReload(result);
  }
}

function codeOf(err: unknown): string {
  return (err as NodeJS.ErrnoException).code ?? 'error';
}
