import { OtlpRequestError } from '../receivers/OtlpRequestError';
import { isRecord } from './otlpValues';

/** OtlpScopeItems is one batch of records under the same resource, as walkOtlp yields it. */
export interface OtlpScopeItems {
  resourceAttributes: unknown;
  items: unknown[];
}

/**
 * walkOtlp walks `resourceX[].scopeX[].items[]` of an export request and groups the items by resource.
 * A container of the wrong type is a malformed request (400); the items themselves are checked by the caller.
 */
export function walkOtlp(
  request: unknown,
  resourceKey: string,
  scopeKey: string,
  itemKey: string,
): OtlpScopeItems[] {
  if (!isRecord(request)) throw new OtlpRequestError(400, 'malformed', 'request body must be an object');
  const out: OtlpScopeItems[] = [];
  const resources = listAt(request, resourceKey, resourceKey);
  resources.forEach((res, i) => {
    const rPath = `${resourceKey}[${i}]`;
    if (!isRecord(res)) throw new OtlpRequestError(400, 'malformed', `${rPath} must be an object`);
    const resource = res.resource;
    if (resource !== undefined && resource !== null && !isRecord(resource)) {
      throw new OtlpRequestError(400, 'malformed', `${rPath}.resource must be an object`);
    }
    const resourceAttributes = resource ? resource.attributes : undefined;
    if (
      resourceAttributes !== undefined &&
      resourceAttributes !== null &&
      !Array.isArray(resourceAttributes)
    ) {
      throw new OtlpRequestError(400, 'malformed', `${rPath}.resource.attributes must be an array`);
    }
    listAt(res, scopeKey, `${rPath}.${scopeKey}`).forEach((scope, j) => {
      const sPath = `${rPath}.${scopeKey}[${j}]`;
      if (!isRecord(scope)) throw new OtlpRequestError(400, 'malformed', `${sPath} must be an object`);
      out.push({ resourceAttributes, items: listAt(scope, itemKey, `${sPath}.${itemKey}`) });
    });
  });
  return out;
}

function listAt(parent: Record<string, unknown>, key: string, path: string): unknown[] {
  const v = parent[key];
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) throw new OtlpRequestError(400, 'malformed', `${path} must be an array`);
  return v;
}
