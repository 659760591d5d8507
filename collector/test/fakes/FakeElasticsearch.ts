import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** BulkItemAnswer is the status the fake gives one bulk item (201 stores it). */
export type BulkItemAnswer = 201 | 400 | 429 | 503;

/**
 * FakeElasticsearch checks what the bulk helper sends against the _bulk contract: NDJSON lines in pairs of an
 * action line (`create` with `_index`, for data streams) and a source line with `@timestamp`; a broken body is a
 * 400. It answers `{errors, items}` with a status per item, and records ILM policies and index templates.
 */
export class FakeElasticsearch {
  readonly docs = new Map<string, Record<string, unknown>>();
  readonly policies = new Map<string, unknown>();
  readonly templates = new Map<string, unknown>();
  readonly contractErrors: string[] = [];
  bulkRequests = 0;
  /** answer decides each item's status; by default every item is stored. */
  answer: (source: Record<string, unknown>) => BulkItemAnswer = () => 201;
  private server: Server | null = null;
  port = 0;

  /** start listens on a free port. */
  async start(): Promise<void> {
    const server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => server.listen(this.port, '127.0.0.1', resolve));
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
  }

  /** stop closes the server. */
  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** url is the node URL. */
  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks);
    const text = body.toString('utf8');
    const reply = (status: number, answer: unknown): void => {
      res
        .writeHead(status, { 'content-type': 'application/json', ...this.productHeaders })
        .end(JSON.stringify(answer));
    };
    const refusal = this.authenticate(req, body);
    if (refusal) {
      this.contractErrors.push(`refused ${req.method} ${req.url}: ${refusal}`);
      return reply(403, { message: refusal });
    }
    const url = new URL(req.url ?? '/', 'http://x');
    if (this.route(req.method ?? 'GET', url, text, reply)) return;
    if ((req.method === 'POST' || req.method === 'PUT') && url.pathname === '/_bulk')
      return this.bulk(text, reply);
    return reply(404, { error: { type: 'not_found' }, status: 404 });
  }

  /** productHeaders are the headers every answer carries (the Elasticsearch client checks for its product). */
  protected productHeaders: Record<string, string> = { 'x-elastic-product': 'Elasticsearch' };

  /** authenticate returns why a request is refused (answered 403), or undefined; Elasticsearch here takes all. */
  protected authenticate(_req: IncomingMessage, _body: Buffer): string | undefined {
    return undefined;
  }

  /** route answers the lifecycle and template APIs and returns true, or false for a path it does not serve. */
  protected route(
    method: string,
    url: URL,
    text: string,
    reply: (status: number, body: unknown) => void,
  ): boolean {
    const policy = /^\/_ilm\/policy\/([^/]+)$/.exec(url.pathname);
    const template = /^\/_index_template\/([^/]+)$/.exec(url.pathname);
    if (method === 'PUT' && policy) {
      this.policies.set(decodeURIComponent(policy[1]!), JSON.parse(text));
      reply(200, { acknowledged: true });
      return true;
    }
    if ((method === 'PUT' || method === 'POST') && template) {
      this.templates.set(decodeURIComponent(template[1]!), JSON.parse(text));
      reply(200, { acknowledged: true });
      return true;
    }
    return false;
  }

  protected bulk(text: string, reply: (status: number, body: unknown) => void): void {
    this.bulkRequests++;
    const fail = (why: string): void => {
      this.contractErrors.push(why);
      reply(400, { error: { type: 'illegal_argument_exception', reason: why }, status: 400 });
    };
    if (!text.endsWith('\n')) return fail('bulk body must end with a newline');
    const lines = text.slice(0, -1).split('\n');
    if (lines.length % 2 !== 0) return fail('bulk body must hold action and source lines in pairs');
    const items: unknown[] = [];
    let errors = false;
    for (let i = 0; i < lines.length; i += 2) {
      let action: Record<string, { _index?: string; _id?: string }>;
      let source: Record<string, unknown>;
      try {
        action = JSON.parse(lines[i]!) as typeof action;
        source = JSON.parse(lines[i + 1]!) as typeof source;
      } catch {
        return fail(`line ${i + 1} is not JSON`);
      }
      const op = Object.keys(action);
      if (op.length !== 1 || op[0] !== 'create') return fail('data streams accept only create actions');
      const meta = action.create!;
      if (typeof meta._index !== 'string') return fail('create action needs _index');
      if (typeof source['@timestamp'] !== 'string') return fail('data stream documents need @timestamp');
      const id = meta._id ?? `auto-${this.docs.size}-${i}`;
      let status: number = this.answer(source);
      if (status === 201 && this.docs.has(`${meta._index}/${id}`)) status = 409;
      if (status === 201) this.docs.set(`${meta._index}/${id}`, source);
      if (status >= 300) errors = true;
      items.push({
        create: {
          _index: meta._index,
          _id: id,
          status,
          ...(status >= 300
            ? {
                error: {
                  type:
                    status === 400
                      ? 'document_parsing_exception'
                      : status === 409
                        ? 'version_conflict_engine_exception'
                        : 'es_rejected_execution_exception',
                  reason: status === 400 ? 'failed to parse field [attributes]' : 'try again',
                },
              }
            : {}),
        },
      });
    }
    reply(200, { took: 1, errors, items });
  }
}
