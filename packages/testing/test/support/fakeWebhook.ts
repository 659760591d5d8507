import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

/** WebhookPost is one request the fake webhook received, with what it found wrong against the contract. */
export interface WebhookPost {
  headers: IncomingHttpHeaders;
  body: AlertmanagerWebhookPayload;
  problems: string[];
}

/** AlertmanagerWebhookPayload is the version "4" body Alertmanager's webhook receiver posts. */
export interface AlertmanagerWebhookPayload {
  version: string;
  status: 'firing' | 'resolved';
  receiver: string;
  groupLabels: Record<string, string>;
  commonLabels: Record<string, string>;
  alerts: { status: string; labels: Record<string, string>; annotations: Record<string, string> }[];
}

/** FakeWebhook is a local HTTP server standing in for a webhook receiver and a scrape target. */
export interface FakeWebhook {
  url: string;
  /** target is 'host:port', for a Prometheus scrape config. */
  target: string;
  posts: WebhookPost[];
  scrapes: number;
  close(): Promise<void>;
}

// The published payload shape, as stored in shared fixtures; every field it has, a real post must have too.
const CONTRACT = JSON.parse(
  readFileSync(join(__dirname, '../../../../../shared/fixtures/alertmanager/webhook-v4-firing.json'), 'utf8'),
) as Record<string, unknown> & { alerts: Record<string, unknown>[] };

/** startFakeWebhook listens on a free loopback port: POST /hook records posts, GET /custom-metrics serves a gauge. */
export async function startFakeWebhook(): Promise<FakeWebhook> {
  const fake = { posts: [] as WebhookPost[], scrapes: 0 };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (req.method === 'GET' && req.url === '/custom-metrics') {
        fake.scrapes++;
        res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' });
        res.end('# TYPE sightline_testing_fake_up gauge\nsightline_testing_fake_up 1\n');
        return;
      }
      if (req.method !== 'POST' || req.url !== '/hook') {
        res.writeHead(404).end();
        return;
      }
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as AlertmanagerWebhookPayload;
      const problems = contractProblems(body, req.headers);
      fake.posts.push({ headers: req.headers, body, problems });
      res.writeHead(problems.length ? 400 : 200).end(problems.join('\n'));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return Object.assign(fake, {
    url: `http://127.0.0.1:${port}/hook`,
    target: `127.0.0.1:${port}`,
    close: () => new Promise<void>((r) => server.close(() => r())),
  });
}

function contractProblems(body: unknown, headers: IncomingHttpHeaders): string[] {
  const problems: string[] = [];
  if (!headers['content-type']?.startsWith('application/json')) problems.push('content-type is not JSON');
  const check = (got: unknown, want: Record<string, unknown>, at: string) => {
    if (typeof got !== 'object' || got === null) return problems.push(`${at} is not an object`);
    for (const [key, value] of Object.entries(want)) {
      const actual = (got as Record<string, unknown>)[key];
      if (typeof actual !== typeof value)
        problems.push(`${at}.${key} is ${typeof actual}, not ${typeof value}`);
    }
  };
  check(body, CONTRACT, 'payload');
  const b = body as { version?: unknown; alerts?: unknown };
  if (b.version !== '4') problems.push(`version is ${String(b.version)}, not "4"`);
  if (!Array.isArray(b.alerts) || b.alerts.length === 0) problems.push('alerts is not a non-empty array');
  else b.alerts.forEach((a, i) => check(a, CONTRACT.alerts[0]!, `alerts[${i}]`));
  return problems;
}
