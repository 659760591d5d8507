import { Agent, request } from 'node:http';
import fc from 'fast-check';
import { readRssBytes, RssSampler } from './RssSampler';
import type { FuzzRequest, FuzzTarget } from './fuzzTarget';

/** FuzzOutcome is what one target's inputs got: a status histogram, the violations, time and memory. */
export interface FuzzOutcome {
  sent: number;
  /** unsent counts generated requests Node refused to send (a generator fault, never the service's). */
  unsent: number;
  statuses: Map<number, number>;
  serverErrors: number;
  /** noAnswer counts requests that got no HTTP status at all: reset, refused, timed out. */
  noAnswer: number;
  /** badAnswers counts statuses outside 2xx and 4xx, and 4xx without a reason the client can read. */
  badAnswers: number;
  /** examples describe the first violations, enough to replay them. */
  examples: string[];
  durationMs: number;
  rssBefore: number;
  rssPeak: number;
  rssAfter: number;
}

/** FuzzSendOptions bound the run: inputs, requests in flight, the per-request timeout and the generator seed. */
export interface FuzzSendOptions {
  count: number;
  concurrency: number;
  seed: number;
  pid: number;
  timeoutMs?: number;
  onProgress?: (sent: number) => void;
}

const BATCH = 500;
const MAX_EXAMPLES = 5;
// Enough for any answer to the bodies generated here: a 400 may quote a 600 KB key back in its reason.
const MAX_READ = 16 * 1024 * 1024;

/**
 * fuzzSend sends a target `count` generated requests over keep-alive connections with at most `concurrency` in
 * flight, generating them in batches of 500 (each batch with its own seed, so a run is repeatable and memory stays
 * flat), and checks every answer: 2xx, or 4xx with a reason in JSON (problem+json, OAuth's error) or, for OTLP
 * protobuf requests, a protobuf google.rpc.Status. The service's RSS is sampled every 250 ms.
 */
export async function fuzzSend(
  target: FuzzTarget,
  baseUrl: string,
  o: FuzzSendOptions,
): Promise<FuzzOutcome> {
  const out: FuzzOutcome = {
    sent: 0,
    unsent: 0,
    statuses: new Map(),
    serverErrors: 0,
    noAnswer: 0,
    badAnswers: 0,
    examples: [],
    durationMs: 0,
    rssBefore: readRssBytes(o.pid) ?? NaN,
    rssPeak: NaN,
    rssAfter: NaN,
  };
  const rss = RssSampler.start({ [target.service]: () => o.pid }, 250);
  const started = Date.now();
  try {
    for (let from = 0; from < o.count; from += BATCH) {
      const n = Math.min(BATCH, o.count - from);
      const batchSeed = o.seed + from;
      const inputs = fc.sample(target.requests, { numRuns: n, seed: batchSeed });
      // Fresh connections per batch: generating one blocks this process for up to seconds, long enough for the
      // service's keep-alive timeout to close idle sockets under a client that cannot notice (an ECONNRESET that is
      // the client's race, not the service's fault).
      const agent = new Agent({ keepAlive: true, maxSockets: o.concurrency });
      let next = 0;
      const worker = async () => {
        while (next < inputs.length) {
          const i = next++;
          const input = inputs[i]!;
          const answer = await send(agent, baseUrl, input, o.timeoutMs ?? 30_000);
          if (answer.status === -1) {
            out.unsent++;
            continue;
          }
          out.sent++;
          const problem = judge(answer, input);
          if (answer.status > 0) out.statuses.set(answer.status, (out.statuses.get(answer.status) ?? 0) + 1);
          if (answer.status === 0) out.noAnswer++;
          else if (answer.status >= 500) out.serverErrors++;
          else if (problem) out.badAnswers++;
          if (problem && out.examples.length < MAX_EXAMPLES)
            out.examples.push(
              `${problem} (seed ${batchSeed}, input ${i}): ${describe(input)} → ${answer.excerpt}`,
            );
        }
      };
      await Promise.all(Array.from({ length: o.concurrency }, worker));
      agent.destroy();
      o.onProgress?.(out.sent);
    }
  } finally {
    rss.stop();
  }
  out.durationMs = Date.now() - started;
  out.rssAfter = readRssBytes(o.pid) ?? NaN;
  out.rssPeak = Math.max(rss.max(target.service), Number.isNaN(out.rssAfter) ? 0 : out.rssAfter);
  return out;
}

interface Answer {
  status: number;
  contentType: string;
  body: Buffer;
  excerpt: string;
}

function send(agent: Agent, baseUrl: string, input: FuzzRequest, timeoutMs: number): Promise<Answer> {
  return new Promise((resolve) => {
    let settled = false;
    const done = (a: Answer) => {
      if (!settled) {
        settled = true;
        resolve(a);
      }
    };
    let req;
    try {
      req = request(`${baseUrl}${input.path}`, {
        method: input.method,
        headers: { ...input.headers, 'content-length': String(input.body?.length ?? 0) },
        agent,
        timeout: timeoutMs,
      });
    } catch (err) {
      // The generator made a request Node refuses to send; it never reached the service.
      done({
        status: -1,
        contentType: '',
        body: Buffer.alloc(0),
        excerpt: `not sent: ${(err as Error).message}`,
      });
      return;
    }
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (c: Buffer) => {
        if (size < MAX_READ) chunks.push(c);
        size += c.length;
      });
      const finish = () => {
        const body = Buffer.concat(chunks);
        done({
          status: res.statusCode ?? 0,
          contentType: String(res.headers['content-type'] ?? ''),
          body,
          excerpt: `${res.statusCode} ${printable(body.subarray(0, 200))}`,
        });
      };
      res.on('end', finish);
      // An answer whose connection dropped after the status line is still an answer.
      res.on('error', finish);
      res.on('aborted', finish);
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', (err: NodeJS.ErrnoException) =>
      done({
        status: 0,
        contentType: '',
        body: Buffer.alloc(0),
        excerpt: `no answer: ${err.code ?? err.message}`,
      }),
    );
    req.end(input.body);
  });
}

/** judge names what is wrong with an answer, or returns null when it is a 2xx or a 4xx with a readable reason. */
function judge(a: Answer, input: FuzzRequest): string | null {
  if (a.status === 0) return 'no answer';
  if (a.status >= 500) return `${a.status}`;
  if (a.status >= 200 && a.status < 300) return null;
  if (a.status < 400) return `unexpected ${a.status}`;
  if (input.method === 'HEAD') return null;
  return hasReason(a) ? null : `${a.status} without a reason`;
}

function hasReason(a: Answer): boolean {
  if (/^application\/x-protobuf/i.test(a.contentType)) {
    // google.rpc.Status: field 1 (code, varint) then field 2 (message, length-delimited), as OTLP/HTTP answers.
    const at = a.body.indexOf(0x12);
    return a.body[0] === 0x08 && at > 0 && (a.body[at + 1] ?? 0) > 0;
  }
  if (!/json/i.test(a.contentType)) return false;
  try {
    const body = JSON.parse(a.body.toString('utf8')) as Record<string, unknown>;
    return ['detail', 'title', 'message', 'error', 'error_description', 'reason'].some(
      (k) => typeof body[k] === 'string' && (body[k] as string).length > 0,
    );
  } catch {
    return false;
  }
}

function describe(r: FuzzRequest): string {
  const type = r.headers['content-type'] ?? '-';
  const body = r.body ? ` ${r.body.length} B ${printable(r.body.subarray(0, 160))}` : '';
  return `${r.method} ${r.path.slice(0, 160)} [${type}${r.headers['content-encoding'] ? `, ${r.headers['content-encoding']}` : ''}]${body}`;
}

function printable(b: Buffer): string {
  return b.toString('latin1').replace(/[^\x20-\x7e]/g, '·');
}
