import type { SecureContextOptions, TlsOptions } from 'node:tls';

/** TlsMinVersion is the lowest protocol version the proxy accepts when it terminates TLS. */
export type TlsMinVersion = 'TLSv1.2' | 'TLSv1.3';

/**
 * TLS_CIPHERS are the suites the proxy offers: the three TLS 1.3 suites, and for TLS 1.2 only forward-secret
 * (ECDHE) key exchange with AEAD encryption (Mozilla's "intermediate" list without finite-field DHE), so CBC, RSA key
 * exchange, SHA-1 MACs and everything weaker fail the handshake.
 */
export const TLS_CIPHERS = [
  'TLS_AES_128_GCM_SHA256',
  'TLS_AES_256_GCM_SHA384',
  'TLS_CHACHA20_POLY1305_SHA256',
  'ECDHE-ECDSA-AES128-GCM-SHA256',
  'ECDHE-RSA-AES128-GCM-SHA256',
  'ECDHE-ECDSA-AES256-GCM-SHA384',
  'ECDHE-RSA-AES256-GCM-SHA384',
  'ECDHE-ECDSA-CHACHA20-POLY1305',
  'ECDHE-RSA-CHACHA20-POLY1305',
].join(':');

/**
 * tlsServerOptions is the complete secure-context option set for one certificate pair. The whole set goes to
 * server.setSecureContext on every reload too, because Node rebuilds the context from what it is given there.
 */
export function tlsServerOptions(
  pair: { cert: Buffer; key: Buffer },
  minVersion: TlsMinVersion,
): SecureContextOptions & Pick<TlsOptions, 'honorCipherOrder'> {
  return {
    cert: pair.cert,
    key: pair.key,
    minVersion,
    maxVersion: 'TLSv1.3',
    ciphers: TLS_CIPHERS,
    honorCipherOrder: true,
  };
}
