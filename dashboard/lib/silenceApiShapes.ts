import { isRecord } from './isRecord';

// The client bundle does not ship zod, so these mirror SilenceRequest and Silence of api/src/openapi/silenceSchemas.ts.

/** MatchType is a Prometheus label matcher operator. */
export type MatchType = '=' | '!=' | '=~' | '!~';

/** MATCH_TYPES lists the matcher operators the api takes. */
export const MATCH_TYPES: readonly MatchType[] = ['=', '!=', '=~', '!~'];

/** SilenceMatcher is one label matcher of a silence. */
export interface SilenceMatcher {
  name: string;
  type: MatchType;
  value: string;
}

/** SilenceWindow is when a silence applies: one range, or a recurring window by cron or RRULE. */
export type SilenceWindow =
  | { kind: 'once'; startsAt: string; endsAt: string }
  | { kind: 'cron'; cron: string; durationMinutes: number; timeZone: string }
  | { kind: 'rrule'; rrule: string; dtstart: string; durationMinutes: number; timeZone: string };

/** SilenceRequest is the body of POST /v1/silences. */
export interface SilenceRequest {
  kind: 'silence' | 'maintenance';
  tenant?: string;
  service?: string;
  matchers: SilenceMatcher[];
  window: SilenceWindow;
  comment: string;
}

/** SilenceStatus is whether a silence mutes now, will mute later, or is over. */
export type SilenceStatus = 'active' | 'pending' | 'expired';

/** Silence is a silence or maintenance window as GET /v1/silences lists it. */
export interface Silence {
  id: string;
  kind: 'silence' | 'maintenance';
  tenant: string | null;
  /** service is the `service="…"` shorthand; the api's Silence schema does not pass it on yet. */
  service?: string | null;
  matchers: { name: string; type: string; value: string }[];
  window: Record<string, unknown>;
  comment: string;
  createdBy: string;
  status: SilenceStatus;
  currentOrNext: { start: string; end: string } | null;
  expiredAt: string | null;
  createdAt: string | null;
}

const strOrNull = (v: unknown) => v === null || typeof v === 'string';

/** isSilence checks the fields of a silence the silences page shows. */
export function isSilence(v: unknown): v is Silence {
  return (
    isRecord(v) &&
    typeof v.id === 'string' &&
    (v.kind === 'silence' || v.kind === 'maintenance') &&
    strOrNull(v.tenant) &&
    Array.isArray(v.matchers) &&
    v.matchers.every(
      (m) =>
        isRecord(m) &&
        typeof m.name === 'string' &&
        typeof m.type === 'string' &&
        typeof m.value === 'string',
    ) &&
    isRecord(v.window) &&
    typeof v.comment === 'string' &&
    typeof v.createdBy === 'string' &&
    (v.status === 'active' || v.status === 'pending' || v.status === 'expired') &&
    (v.currentOrNext === null ||
      (isRecord(v.currentOrNext) &&
        typeof v.currentOrNext.start === 'string' &&
        typeof v.currentOrNext.end === 'string')) &&
    strOrNull(v.expiredAt)
  );
}

/** isSilenceList checks a GET /v1/silences body. */
export function isSilenceList(v: unknown): v is { silences: Silence[] } {
  return isRecord(v) && Array.isArray(v.silences) && v.silences.every(isSilence);
}
