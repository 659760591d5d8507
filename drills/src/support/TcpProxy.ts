import type { Server, Socket } from 'node:net';
import { connect, createServer } from 'node:net';
import type { CleanupStack } from './CleanupStack';

/** TcpProxy is a loopback TCP endpoint whose target can be switched, like a database DNS name or Service. */
export interface TcpProxy {
  port: number;
  /** switchTo sends new connections to another port and cuts every open one, as a failover of the endpoint does. */
  switchTo(port: number): void;
}

/**
 * startTcpProxy stands in for the stable endpoint of a managed database (the RDS cluster endpoint, the
 * CloudNativePG `-rw` Service): clients keep one address while the primary behind it changes.
 */
export async function startTcpProxy(targetPort: number, cleanup: CleanupStack): Promise<TcpProxy> {
  let target = targetPort;
  const open = new Set<Socket>();
  const server: Server = createServer((client) => {
    const upstream = connect(target, '127.0.0.1');
    for (const s of [client, upstream]) {
      open.add(s);
      s.on('close', () => open.delete(s));
      // Either side failing ends the pair, as it would for a client talking to the database directly.
      s.on('error', () => {
        client.destroy();
        upstream.destroy();
      });
    }
    client.pipe(upstream);
    upstream.pipe(client);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  const close = () => {
    for (const s of open) s.destroy();
    server.close();
  };
  cleanup.push({ close, onExit: close });
  return {
    port: typeof address === 'object' && address ? address.port : 0,
    switchTo(port) {
      target = port;
      for (const s of open) s.destroy();
    },
  };
}
