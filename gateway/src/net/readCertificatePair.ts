import { X509Certificate, createPrivateKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createSecureContext } from 'node:tls';
import type { TlsMinVersion } from './tlsServerOptions';
import { tlsServerOptions } from './tlsServerOptions';

/** CertificatePair is a certificate chain and its private key, read and checked together. */
export interface CertificatePair {
  cert: Buffer;
  key: Buffer;
  /** The leaf (first) certificate of the chain. */
  leaf: X509Certificate;
  notAfter: Date;
}

/** CertificatePairResult is a usable pair, or why the files do not make one; `part` names the file at fault. */
export type CertificatePairResult =
  { kind: 'ok'; pair: CertificatePair } | { kind: 'invalid'; part: 'cert' | 'key'; reason: string };

/**
 * readCertificatePair reads a PEM certificate chain and its private key and checks that they belong together,
 * that the leaf has not expired and that OpenSSL accepts them under the proxy's TLS settings. Reasons never
 * quote the files' contents.
 */
export function readCertificatePair(
  certFile: string,
  keyFile: string,
  minVersion: TlsMinVersion,
  now: Date = new Date(),
): CertificatePairResult {
  const cert = read(certFile);
  if (typeof cert === 'string') return { kind: 'invalid', part: 'cert', reason: `cannot read ${cert}` };
  const key = read(keyFile);
  if (typeof key === 'string') return { kind: 'invalid', part: 'key', reason: `cannot read ${key}` };
  return checkCertificatePair(cert, key, minVersion, now);
}

/** checkCertificatePair is readCertificatePair on contents already read. */
export function checkCertificatePair(
  cert: Buffer,
  key: Buffer,
  minVersion: TlsMinVersion,
  now: Date = new Date(),
): CertificatePairResult {
  let leaf: X509Certificate;
  try {
    leaf = new X509Certificate(cert);
  } catch (err) {
    return { kind: 'invalid', part: 'cert', reason: `not a PEM certificate (${codeOf(err)})` };
  }
  let privateKey;
  try {
    privateKey = createPrivateKey(key);
  } catch (err) {
    return { kind: 'invalid', part: 'key', reason: `not an unencrypted PEM private key (${codeOf(err)})` };
  }
  // OpenSSL accepts a key of another type than the certificate without complaint (it fills another slot), so
  // the match is checked here rather than left to createSecureContext.
  if (!leaf.checkPrivateKey(privateKey))
    return { kind: 'invalid', part: 'key', reason: 'the private key does not match the certificate' };
  const notAfter = new Date(leaf.validTo);
  if (!(notAfter.getTime() > now.getTime()))
    return { kind: 'invalid', part: 'cert', reason: `the certificate expired at ${notAfter.toISOString()}` };
  try {
    createSecureContext(tlsServerOptions({ cert, key }, minVersion));
  } catch (err) {
    return { kind: 'invalid', part: 'cert', reason: `OpenSSL refuses the pair (${codeOf(err)})` };
  }
  return { kind: 'ok', pair: { cert, key, leaf, notAfter } };
}

function read(file: string): Buffer | string {
  try {
    return readFileSync(file);
  } catch (err) {
    return `${file} (${codeOf(err)})`;
  }
}

function codeOf(err: unknown): string {
  return (err as NodeJS.ErrnoException).code ?? 'error';
}
