import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import { ConfigError } from '@sightline/config';
import type { GatewayConfig } from '../config';
import { CertificateReloader } from './CertificateReloader';
import type { CertificatePair } from './readCertificatePair';
import { readCertificatePair } from './readCertificatePair';
import { createTlsMetrics } from './createTlsMetrics';
import { tlsServerOptions } from './tlsServerOptions';

/** ProxyServer is the proxy's listening server, plain HTTP or terminating TLS itself. */
export interface ProxyServer {
  server: Server;
  /** The lowest TLS version accepted, or undefined for plain HTTP. */
  tls: string | undefined;
  /** stop ends certificate watching (closing the server is the caller's). */
  stop(): void;
}

type TlsConfig = Pick<
  GatewayConfig,
  | 'MAX_HEADER_BYTES'
  | 'GATEWAY_TLS_CERT_FILE'
  | 'GATEWAY_TLS_KEY_FILE'
  | 'GATEWAY_TLS_MIN_VERSION'
  | 'GATEWAY_TLS_CHECK_MS'
>;

/**
 * createProxyServer creates the proxy's server: plain HTTP, or with GATEWAY_TLS_CERT_FILE and GATEWAY_TLS_KEY_FILE
 * an HTTPS server whose certificate follows the files without a restart. A pair that is unusable at start is a
 * ConfigError naming the file's variable.
 */
export function createProxyServer(
  config: TlsConfig,
  handler: (req: IncomingMessage, res: ServerResponse) => void,
  deps: { logger: Logger; registry: Registry },
): ProxyServer {
  const http = { maxHeaderSize: config.MAX_HEADER_BYTES, keepAliveTimeout: 65_000 };
  const certFile = config.GATEWAY_TLS_CERT_FILE;
  const keyFile = config.GATEWAY_TLS_KEY_FILE;
  if (certFile === undefined || keyFile === undefined)
    return { server: createServer(http, handler), tls: undefined, stop: () => undefined };

  const minVersion = config.GATEWAY_TLS_MIN_VERSION;
  const initial = readCertificatePair(certFile, keyFile, minVersion);
  if (initial.kind === 'invalid')
    throw new ConfigError(
      initial.part === 'key' ? 'GATEWAY_TLS_KEY_FILE' : 'GATEWAY_TLS_CERT_FILE',
      initial.reason,
    );
  const server = createHttpsServer({ ...http, ...tlsServerOptions(initial.pair, minVersion) }, handler);
  const metrics = createTlsMetrics(deps.registry);
  metrics.reloads.inc({ result: 'ok' }, 0);
  metrics.reloads.inc({ result: 'error' }, 0);
  const describe = (pair: CertificatePair) => ({
    subject: pair.leaf.subject.replace(/\n/g, ', '),
    serialNumber: pair.leaf.serialNumber,
    fingerprint256: pair.leaf.fingerprint256,
    notAfter: pair.notAfter.toISOString(),
  });
  metrics.expiry.set(initial.pair.notAfter.getTime() / 1000);
  const reloader = new CertificateReloader(
    {
      certFile,
      keyFile,
      minVersion,
      checkMs: config.GATEWAY_TLS_CHECK_MS,
      // Only new handshakes get the new context; connections already open keep theirs until they close.
      install: (pair) => server.setSecureContext(tlsServerOptions(pair, minVersion)),
      onReload: (result) => {
        if (result.kind === 'ok') {
          metrics.reloads.inc({ result: 'ok' });
          metrics.expiry.set(result.pair.notAfter.getTime() / 1000);
          deps.logger.info(
            { certificate: describe(result.pair), file: certFile },
            'TLS certificate reloaded',
          );
        } else {
          metrics.reloads.inc({ result: 'error' });
          deps.logger.error(
            { reason: result.reason, file: result.part === 'key' ? keyFile : certFile },
            'TLS certificate reload refused; still serving the previous certificate',
          );
        }
      },
    },
    initial.pair,
  );
  reloader.start();
  deps.logger.info(
    { certificate: describe(initial.pair), file: certFile, minVersion },
    'proxy terminates TLS',
  );
  return { server, tls: minVersion, stop: () => reloader.stop() };
}
