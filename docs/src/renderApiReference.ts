import { escapeHtml } from './escapeHtml';
import type { OpenApiDocument, OpenApiOperation } from './OpenApiDocument';
import { renderOperation } from './renderOperation';
import type { OperationRef } from './renderOperation';
import { renderSchemaBlock } from './renderSchemaBlock';
import { schemaAnchor } from './schemaTypeHtml';
import type { Slugger } from './Slugger';

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

/**
 * renderApiReference writes the API reference from an OpenAPI document: an index of every operation, each
 * operation under its tag with parameters, request body and responses, then every component schema.
 */
export function renderApiReference(
  document: OpenApiDocument,
  inline: (markdown: string) => string,
  ids: Slugger,
): string {
  const operationsId = ids.slug('Operations');
  const authenticationId = ids.slug('Authentication');
  const operations: OperationRef[] = Object.entries(document.paths ?? {}).flatMap(([path, item]) =>
    METHODS.filter((m) => item[m] !== undefined).map((method) => ({
      path,
      method,
      operation: item[method] as OpenApiOperation,
      pathParameters: item.parameters as OpenApiOperation['parameters'],
      authenticationId,
      id: ids.slug(`op ${method} ${path}`.replace(/[/{}]+/g, ' ').replace(/\s+/g, ' ')),
    })),
  );
  const tagNames = [
    ...(document.tags ?? []).map((t) => t.name),
    ...operations.flatMap((o) => o.operation.tags ?? []),
  ].filter((t, i, all) => all.indexOf(t) === i);
  const tagOf = (o: OperationRef) => o.operation.tags?.[0] ?? 'other';
  if (operations.some((o) => tagOf(o) === 'other') && !tagNames.includes('other')) tagNames.push('other');

  const out: string[] = [
    `<p class="lead">${escapeHtml(document.info.title)} ${escapeHtml(document.info.version)}, generated from its OpenAPI ${escapeHtml(document.openapi)} document when this site was built.</p>`,
  ];
  if (document.info.description) out.push(`<p>${inline(document.info.description)}</p>`);
  out.push(`<h2 id="${operationsId}">Operations</h2>`, operationIndex(operations, inline));
  out.push(authentication(document, inline, authenticationId));
  for (const tag of tagNames) {
    const inTag = operations.filter((o) => tagOf(o) === tag);
    if (inTag.length === 0) continue;
    const description = document.tags?.find((t) => t.name === tag)?.description;
    out.push(`<h2 id="${escapeHtml(ids.slug(`tag ${tag}`))}">${escapeHtml(tag)}</h2>`);
    if (description) out.push(`<p>${inline(description)}</p>`);
    out.push(...inTag.map((o) => renderOperation(document, o, inline)));
  }
  const schemas = Object.entries(document.components?.schemas ?? {});
  if (schemas.length > 0) {
    out.push(`<h2 id="${ids.slug('Schemas')}">Schemas</h2>`);
    for (const [name, schema] of schemas) {
      ids.reserve(schemaAnchor(name));
      out.push(
        `<section class="schema" id="${escapeHtml(schemaAnchor(name))}">`,
        `<h3>${escapeHtml(name)}</h3>`,
        renderSchemaBlock(schema, inline),
        '</section>',
      );
    }
  }
  return `${out.join('\n')}\n`;
}

function operationIndex(operations: OperationRef[], inline: (markdown: string) => string): string {
  const rows = operations.map(
    (o) =>
      `<tr><td><span class="method method-${escapeHtml(o.method)}">${escapeHtml(o.method.toUpperCase())}</span></td><td><a href="#${escapeHtml(o.id)}"><code>${escapeHtml(o.path)}</code></a></td><td>${inline(o.operation.summary ?? '')}</td></tr>`,
  );
  return `<table class="operations">\n<thead><tr><th>method</th><th>path</th><th>summary</th></tr></thead>\n<tbody>\n${rows.join('\n')}\n</tbody>\n</table>`;
}

function authentication(document: OpenApiDocument, inline: (markdown: string) => string, id: string): string {
  const schemes = Object.entries(document.components?.securitySchemes ?? {});
  const rows = schemes.map(
    ([name, s]) =>
      `<tr><td><code>${escapeHtml(name)}</code></td><td>${escapeHtml([s.type, s.scheme, s.bearerFormat].filter(Boolean).join(' / '))}</td><td>${inline(s.description ?? '')}</td></tr>`,
  );
  const table =
    schemes.length > 0
      ? `<table>\n<thead><tr><th>scheme</th><th>kind</th><th>notes</th></tr></thead>\n<tbody>\n${rows.join('\n')}\n</tbody>\n</table>`
      : '<p>The document declares no security schemes.</p>';
  return `<h2 id="${id}">Authentication</h2>\n${table}`;
}
