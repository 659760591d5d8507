import type { OpenApiDocument } from './OpenApiDocument';

/** resolveRef follows a local `$ref` (`#/components/…`) of the document, or returns what it is given. */
export function resolveRef<T>(document: OpenApiDocument, value: T | { $ref: string }): T {
  if (typeof value !== 'object' || value === null || !('$ref' in value) || typeof value.$ref !== 'string') {
    return value as T;
  }
  const ref = value.$ref;
  if (!ref.startsWith('#/')) throw new Error(`only local $refs are supported, not ${ref}`);
  let node: unknown = document;
  for (const part of ref.slice(2).split('/')) {
    const key = part.replace(/~1/g, '/').replace(/~0/g, '~');
    node = typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[key] : undefined;
  }
  if (node === undefined) throw new Error(`$ref ${ref} points at nothing`);
  return node as T;
}
