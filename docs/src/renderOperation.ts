import { escapeHtml } from './escapeHtml';
import type {
  OpenApiDocument,
  OpenApiMediaTypes,
  OpenApiOperation,
  OpenApiParameter,
} from './OpenApiDocument';
import { renderSchemaBlock } from './renderSchemaBlock';
import { resolveRef } from './resolveRef';
import { schemaConstraints } from './schemaConstraints';
import { schemaTypeHtml } from './schemaTypeHtml';

/** OperationRef is one method of one path, with the parameters its path item declares for every method. */
export interface OperationRef {
  readonly path: string;
  readonly method: string;
  readonly operation: OpenApiOperation;
  readonly pathParameters: OpenApiOperation['parameters'];
  readonly id: string;
  /** Id of the page's Authentication section. */
  readonly authenticationId: string;
}

/** renderOperation writes one operation: summary, authentication, parameters, request body and responses. */
export function renderOperation(
  document: OpenApiDocument,
  ref: OperationRef,
  inline: (markdown: string) => string,
): string {
  const { operation: op } = ref;
  const out: string[] = [
    `<section class="operation" id="${escapeHtml(ref.id)}">`,
    `<h3><span class="method method-${escapeHtml(ref.method)}">${escapeHtml(ref.method.toUpperCase())}</span> <code>${escapeHtml(ref.path)}</code></h3>`,
  ];
  if (op.deprecated) out.push('<p class="deprecated">Deprecated.</p>');
  if (op.summary) out.push(`<p class="summary">${inline(op.summary)}</p>`);
  if (op.description) out.push(`<p>${inline(op.description)}</p>`);
  const schemes = (op.security ?? []).flatMap((s) => Object.keys(s));
  out.push(
    `<p class="auth">Authentication: ${schemes.length > 0 ? schemes.map((s) => `<a href="#${escapeHtml(ref.authenticationId)}">${escapeHtml(s)}</a>`).join(' or ') : 'none'}.</p>`,
  );

  const parameters = mergeParameters(document, ref);
  if (parameters.length > 0) {
    out.push('<h4>Parameters</h4>', parameterTable(parameters, inline));
  }
  if (op.requestBody) {
    const body = resolveRef(document, op.requestBody);
    out.push(`<h4>Request body${body.required ? ' (required)' : ''}</h4>`);
    if (body.description) out.push(`<p>${inline(body.description)}</p>`);
    out.push(mediaTypes(body.content, inline));
  }
  out.push('<h4>Responses</h4>', '<dl class="responses">');
  for (const [status, value] of Object.entries(op.responses ?? {})) {
    const response = resolveRef(document, value);
    out.push(
      `<dt><code>${escapeHtml(status)}</code></dt>`,
      `<dd><p>${inline(response.description ?? '')}</p>${mediaTypes(response.content, inline)}</dd>`,
    );
  }
  out.push('</dl>', '</section>');
  return `${out.join('\n')}\n`;
}

function mergeParameters(document: OpenApiDocument, ref: OperationRef): OpenApiParameter[] {
  const own = (ref.operation.parameters ?? []).map((p) => resolveRef<OpenApiParameter>(document, p));
  const shared = (ref.pathParameters ?? []).map((p) => resolveRef<OpenApiParameter>(document, p));
  // An operation's own parameter overrides the path item's parameter of the same name and location.
  const key = (p: OpenApiParameter) => `${p.in}:${p.name}`;
  const ownKeys = new Set(own.map(key));
  return [...shared.filter((p) => !ownKeys.has(key(p))), ...own];
}

function parameterTable(parameters: OpenApiParameter[], inline: (markdown: string) => string): string {
  const rows = parameters.map((p) => {
    const notes = [p.description ? inline(p.description) : '', ...schemaConstraints(p.schema)]
      .filter((n) => n !== '')
      .join('; ');
    return `<tr><td><code>${escapeHtml(p.name)}</code></td><td>${escapeHtml(p.in)}</td><td>${schemaTypeHtml(p.schema)}</td><td>${p.required ? 'yes' : 'no'}</td><td>${notes}</td></tr>`;
  });
  return `<table class="parameters">\n<thead><tr><th>name</th><th>in</th><th>type</th><th>required</th><th>notes</th></tr></thead>\n<tbody>\n${rows.join('\n')}\n</tbody>\n</table>`;
}

function mediaTypes(content: OpenApiMediaTypes | undefined, inline: (markdown: string) => string): string {
  return Object.entries(content ?? {})
    .map(([type, { schema }]) => {
      const head = `<p class="media"><code>${escapeHtml(type)}</code>: ${schemaTypeHtml(schema)}</p>`;
      // A named schema is described once, under Schemas; an inline one is described here.
      return schema && !schema.$ref ? `${head}\n${renderSchemaBlock(schema, inline)}` : head;
    })
    .join('\n');
}
