import { createServer } from 'node:http';
import { closeServer, listen } from '@sightline/http';
import type { CleanupStack } from './CleanupStack';

const BODY = Buffer.from('{"ok":true}');

/** startDrillUpstream serves the cheapest possible 200, so the drill measures the gateway, not its upstream. */
export async function startDrillUpstream(cleanup: CleanupStack): Promise<string> {
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': BODY.length });
      res.end(BODY);
    });
  });
  const port = await listen(server, 0);
  cleanup.push({ close: () => closeServer(server), onExit: () => server.close() });
  return `http://127.0.0.1:${port}`;
}
