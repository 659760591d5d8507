import type { SlaSnapshot, SlaUpdateEvent } from '@sightline/contracts';
import { SLA_WINDOWS } from './slaWindows';

// The client bundle does not ship zod, so this checks just the fields the tiles read.
function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isNumberOrNull(value: unknown): value is number | null {
  return value === null || (typeof value === 'number' && Number.isFinite(value));
}

function isSnapshot(value: unknown): value is SlaSnapshot {
  if (!isRecord(value) || !isRecord(value.latencyMs)) return false;
  return (
    typeof value.tenantId === 'string' &&
    typeof value.window === 'string' &&
    (SLA_WINDOWS as readonly string[]).includes(value.window) &&
    typeof value.requests === 'number' &&
    typeof value.objective === 'number' &&
    typeof value.updatedAt === 'string' &&
    isNumberOrNull(value.availability) &&
    isNumberOrNull(value.errorBudgetRemaining) &&
    isNumberOrNull(value.latencyMs.p99)
  );
}

/** parseSlaUpdate returns an `sla:update` payload with its well-formed snapshots for its own tenant, or null. */
export function parseSlaUpdate(payload: unknown): SlaUpdateEvent | null {
  if (!isRecord(payload) || typeof payload.tenantId !== 'string' || !Array.isArray(payload.snapshots))
    return null;
  const tenantId = payload.tenantId;
  const snapshots = payload.snapshots.filter(
    (s): s is SlaSnapshot => isSnapshot(s) && s.tenantId === tenantId,
  );
  return { tenantId, snapshots };
}
