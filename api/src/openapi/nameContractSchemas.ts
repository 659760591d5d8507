import {
  LoginRequest,
  LoginResponse,
  LogView,
  RefreshRequest,
  SessionResponse,
  Role,
  SlaSnapshot,
  SlaWindow,
  ServiceErasureReceipt,
  SpanView,
  Tenant,
  TenantErasureReceipt,
  TenantErasureRequest,
  Tier,
  TraceView,
} from '@sightline/contracts';
import { zodToOpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import type { z } from 'zod';

/** CONTRACT_SCHEMA_NAMES names each shared schema the public API exposes, as it appears under components/schemas. */
export const CONTRACT_SCHEMA_NAMES: ReadonlyArray<readonly [string, z.ZodType]> = [
  ['Role', Role],
  ['Tier', Tier],
  ['SlaWindow', SlaWindow],
  ['Tenant', Tenant],
  ['SlaSnapshot', SlaSnapshot],
  ['SpanView', SpanView],
  ['LogView', LogView],
  ['TraceView', TraceView],
  ['LoginRequest', LoginRequest],
  ['LoginResponse', LoginResponse],
  ['SessionResponse', SessionResponse],
  ['RefreshRequest', RefreshRequest],
  ['TenantErasureRequest', TenantErasureRequest],
  ['TenantErasureReceipt', TenantErasureReceipt],
  ['ServiceErasureReceipt', ServiceErasureReceipt],
];

/**
 * nameContractSchemas gives the shared schemas a component name in zod-to-openapi's own registry, so the
 * generator emits each once under components/schemas and refers to it wherever it is nested. Idempotent.
 * (Zod v4 schemas built before extendZodWithOpenApi have no `.openapi()`, and `.openapi(name)` would return
 * a copy that nested uses never see; naming them in place keeps one schema for validation and documentation.)
 */
export function nameContractSchemas(): void {
  for (const [refId, schema] of CONTRACT_SCHEMA_NAMES) {
    const meta = zodToOpenAPIRegistry.get(schema) ?? {};
    if (meta._internal?.refId !== refId)
      zodToOpenAPIRegistry.add(schema, { ...meta, _internal: { ...meta._internal, refId } });
  }
}
