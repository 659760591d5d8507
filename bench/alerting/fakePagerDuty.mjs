// A local PagerDuty Events API v2 (POST /v2/enqueue) for the benchmark: it records when each event arrives, checks
// the parts of the published contract a sender can get wrong (routing key length, event_action, dedup_key, the
// trigger payload's required fields) and answers 202 like PagerDuty. Full schema validation stays in the tests'
// FakePagerDuty; here it would cost CPU on the machine being measured.
import { createServer } from 'node:http';

const ACTIONS = new Set(['trigger', 'acknowledge', 'resolve']);
const SEVERITIES = new Set(['critical', 'error', 'warning', 'info']);
const MAX_BODY_BYTES = 512 * 1024;

/** startFakePagerDuty listens on 127.0.0.1:port and resolves once it serves. */
export async function startFakePagerDuty(port) {
  const events = [];
  const violations = [];
  const waiters = new Set();
  const server = createServer((req, res) => {
    const chunks = [];
    let size = 0;
    req.on('data', (c) => {
      size += c.length;
      chunks.push(c);
    });
    req.on('end', () => {
      const at = Date.now();
      const send = (status, body) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      const refuse = (message) => {
        violations.push(message);
        send(400, { status: 'invalid event', message, errors: [message] });
      };
      if (req.method !== 'POST' || req.url !== '/v2/enqueue') return refuse(`${req.method} ${req.url}`);
      if (!String(req.headers['content-type'] ?? '').startsWith('application/json'))
        return refuse('content-type is not application/json');
      if (size > MAX_BODY_BYTES) return refuse(`body of ${size} bytes is over 512 KB`);
      let ev;
      try {
        ev = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        return refuse('body is not JSON');
      }
      if (typeof ev.routing_key !== 'string' || ev.routing_key.length !== 32)
        return refuse('routing_key is not 32 characters');
      if (!ACTIONS.has(ev.event_action)) return refuse(`event_action ${ev.event_action}`);
      if (ev.dedup_key !== undefined && (typeof ev.dedup_key !== 'string' || ev.dedup_key.length > 255))
        return refuse('dedup_key is not a string of at most 255 characters');
      if (ev.event_action !== 'trigger' && !ev.dedup_key)
        return refuse(`${ev.event_action} without dedup_key`);
      if (ev.event_action === 'trigger') {
        const p = ev.payload ?? {};
        if (typeof p.summary !== 'string' || !p.summary.trim() || p.summary.length > 1024)
          return refuse('payload.summary missing or over 1024 characters');
        if (typeof p.source !== 'string' || !p.source) return refuse('payload.source missing');
        if (!SEVERITIES.has(p.severity)) return refuse(`payload.severity ${p.severity}`);
      }
      const details = ev.payload?.custom_details ?? {};
      const event = {
        at,
        key: ev.routing_key,
        action: ev.event_action,
        dedupKey: ev.dedup_key,
        tenant: ev.payload?.group ?? details.tenant ?? null,
        severityLabel: details.labels?.severity ?? null,
        alertsTotal: typeof details.alerts_total === 'number' ? details.alerts_total : null,
      };
      events.push(event);
      for (const w of waiters)
        if (w.match(event)) {
          waiters.delete(w);
          clearTimeout(w.timer);
          w.resolve(event);
        }
      send(202, { status: 'success', message: 'Event processed', dedup_key: ev.dedup_key ?? 'generated' });
    });
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  return {
    url: `http://127.0.0.1:${port}/v2/enqueue`,
    events,
    violations,
    /** waitFor resolves with the first event, already received or still to come, that matches. */
    waitFor(match, timeoutMs) {
      const seen = events.find(match);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const w = { match, resolve };
        w.timer = setTimeout(() => {
          waiters.delete(w);
          reject(new Error(`no matching PagerDuty event within ${timeoutMs} ms`));
        }, timeoutMs);
        waiters.add(w);
      });
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}
