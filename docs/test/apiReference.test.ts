import { buildOpenApiDocument } from '../../api/src/openapi/buildOpenApiDocument';
import { loadMarked } from '../src/loadMarked';
import type { OpenApiDocument } from '../src/OpenApiDocument';
import { renderApiReference } from '../src/renderApiReference';
import { Slugger } from '../src/Slugger';

const inline = (markdown: string) => loadMarked().parseInline(markdown) as string;

// The operation's <section>, from its heading to the next operation or section end.
function operationHtml(html: string, method: string, path: string): string {
  const start = html.indexOf(`${method.toUpperCase()}</span> <code>${path}</code></h3>`);
  expect([method, path, start >= 0]).toEqual([method, path, true]);
  return html.slice(start, html.indexOf('</section>', start));
}

describe('the API reference', () => {
  const document = buildOpenApiDocument() as OpenApiDocument;
  const html = renderApiReference(document, inline, new Slugger());

  it('links every schema reference to a section that exists on the page', () => {
    const ids = new Set([...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]!));
    const targets = [...html.matchAll(/href="#([^"]+)"/g)].map((m) => m[1]!);
    expect(targets.length).toBeGreaterThan(100);
    expect(targets.filter((t) => !ids.has(t))).toEqual([]);
    expect(ids.size).toBe([...html.matchAll(/\sid="/g)].length);
  });

  it('lists the query parameters of log search with their type, whether required, and their rules', () => {
    const logs = operationHtml(html, 'get', '/v1/logs');
    for (const name of ['tenant', 'service', 'severity', 'q', 'from', 'to', 'traceId', 'cursor', 'limit']) {
      expect(logs).toContain(`<td><code>${name}</code></td><td>query</td>`);
    }
    expect(logs).toContain('<td><code>from</code></td><td>query</td><td>string (date-time)</td><td>no</td>');
    expect(logs).toContain('length ≤ 500');
    expect(logs).toContain('Authentication: <a href="#authentication">bearerAuth</a>.');
  });

  it('shows the request body schema and every response of login', () => {
    const login = operationHtml(html, 'post', '/v1/auth/login');
    expect(login).toContain('<h4>Request body (required)</h4>');
    expect(login).toContain('<code>application/json</code>: <a href="#schema-LoginRequest">LoginRequest</a>');
    expect(login).toContain('Authentication: none.');
    const statuses = Object.keys(
      (document.paths?.['/v1/auth/login']?.post as { responses: object }).responses,
    );
    for (const status of statuses) expect(login).toContain(`<dt><code>${status}</code></dt>`);
  });

  it('describes each shape of a oneOf schema with its own field table', () => {
    const start = html.indexOf('id="schema-ChannelConfig"');
    const channel = html.slice(start, html.indexOf('</section>', start));
    expect(channel).toContain('One of 4 shapes:');
    expect(channel).toContain('<td><code>routingKey</code></td><td>string</td><td>yes</td>');
    expect(channel).toContain('<td><code>webhookUrl</code></td>');
  });

  it('writes an inline object body field by field, nested fields under dotted names', () => {
    const doc: OpenApiDocument = {
      openapi: '3.1.0',
      info: { title: 'T', version: '1' },
      paths: {
        '/things/{id}': {
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
          put: {
            requestBody: {
              content: {
                'application/json': {
                  schema: {
                    type: 'object',
                    required: ['owner'],
                    properties: {
                      owner: { type: 'object', properties: { email: { type: 'string', format: 'email' } } },
                      tags: {
                        type: 'array',
                        items: { type: 'object', properties: { k: { type: ['string', 'null'] } } },
                      },
                    },
                  },
                },
              },
            },
            responses: { '204': { description: 'Stored' } },
          },
        },
      },
    };
    const put = renderApiReference(doc, inline, new Slugger());
    expect(put).toContain('<td><code>id</code></td><td>path</td><td>string</td><td>yes</td>');
    expect(put).toContain('<td><code>owner</code></td><td>object</td><td>yes</td>');
    expect(put).toContain('<td><code>owner.email</code></td><td>string (email)</td><td>no</td>');
    expect(put).toContain('<td><code>tags[].k</code></td><td>string | null</td>');
    expect(put).toContain('<dt><code>204</code></dt>');
    expect(put).toContain('<h2 id="tag-other">other</h2>');
  });
});
