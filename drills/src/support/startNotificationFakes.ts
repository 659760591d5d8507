import { createServer } from 'node:http';
import { closeServer, listen } from '@sightline/http';
import { FakeSmtp } from '@sightline/testing';
import type { CleanupStack } from './CleanupStack';

/** NotificationFakes are local stand-ins for PagerDuty's Events API, a Slack incoming webhook and an SMTP relay. */
export interface NotificationFakes {
  /** baseUrl is the HTTP fake; PagerDuty events go to `/v2/enqueue`, Slack webhooks to `/services/…`. */
  baseUrl: string;
  smtp: FakeSmtp;
  /** received counts the requests each HTTP fake got, failed ones included. */
  received: { pagerduty: number; slack: number };
}

/**
 * startNotificationFakes starts the fakes the way careless receivers behave: the first request to each is refused
 * with an error body that echoes what it was sent (PagerDuty the event with its routing key, Slack the webhook path
 * with its token, the SMTP relay the recipient's address), so the drill sees whether alerting keeps such an echo out
 * of its logs. Later requests succeed.
 */
export async function startNotificationFakes(
  smtpUser: string,
  smtpPassword: string,
  cleanup: CleanupStack,
): Promise<NotificationFakes> {
  const received = { pagerduty: 0, slack: 0 };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      if (req.method === 'POST' && req.url === '/v2/enqueue') {
        if (received.pagerduty++ === 0) {
          res.writeHead(400, { 'content-type': 'application/json' });
          res.end(
            JSON.stringify({ status: 'invalid event', message: 'Event object is invalid', echo: body }),
          );
          return;
        }
        res.writeHead(202, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ status: 'success', message: 'Event processed', dedup_key: 'drill' }));
        return;
      }
      if (req.method === 'POST' && req.url?.startsWith('/services/')) {
        if (received.slack++ === 0) {
          res.writeHead(500, { 'content-type': 'text/plain' });
          res.end(`invalid_token for ${req.url}`);
          return;
        }
        res.writeHead(200, { 'content-type': 'text/plain' });
        res.end('ok');
        return;
      }
      res.writeHead(404);
      res.end();
    });
  });
  const port = await listen(server, 0);
  cleanup.push({ close: () => closeServer(server), onExit: () => server.close() });
  const smtp = await new FakeSmtp({ [smtpUser]: smtpPassword }).start();
  cleanup.push({ close: () => smtp.close(), onExit: () => undefined });
  return { baseUrl: `http://127.0.0.1:${port}`, smtp, received };
}
