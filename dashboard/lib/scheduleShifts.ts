import { apiGet, type ApiResult } from './apiGet';
import { isOnCall, type OnCall } from './onCallApiShapes';

/** NEXT_SHIFTS is how many hand-offs after the current shift the on-call page lists. */
export const NEXT_SHIFTS = 3;

/** ScheduleShifts is who is on call on a schedule now and in the next shifts, in order. */
export interface ScheduleShifts {
  now: OnCall;
  /** next holds up to NEXT_SHIFTS answers; one with a null shift (nobody on call from then on) ends it. */
  next: OnCall[];
  /** problem is why the list of next shifts stops short, when a later call failed. */
  problem: string | null;
}

/**
 * scheduleShifts loads who is on call on a schedule now, then asks again at the end of each shift to learn the next
 * hand-offs: the api answers one instant at a time and has no list of upcoming shifts. Only the first answer decides
 * the outcome; a later failure cuts the list short and says why. It never throws except on abort.
 */
export async function scheduleShifts(
  apiUrl: string,
  token: string,
  scheduleId: string,
  signal?: AbortSignal,
  count = NEXT_SHIFTS,
): Promise<ApiResult<ScheduleShifts>> {
  const path = `/v1/alerting/schedules/${encodeURIComponent(scheduleId)}/oncall`;
  const first = await apiGet(apiUrl, path, token, isOnCall, signal);
  if (first.kind !== 'ok') return first;
  const next: OnCall[] = [];
  let problem: string | null = null;
  let shift = first.body.shift;
  while (shift !== null && next.length < count) {
    const r = await apiGet(apiUrl, `${path}?at=${encodeURIComponent(shift.end)}`, token, isOnCall, signal);
    if (r.kind === 'unauthorized') return r;
    if (r.kind !== 'ok') {
      problem = r.message;
      break;
    }
    // A shift that does not move forward would ask about the same instant for ever.
    if (r.body.shift !== null && Date.parse(r.body.shift.end) <= Date.parse(shift.end)) break;
    next.push(r.body);
    shift = r.body.shift;
  }
  return { kind: 'ok', body: { now: first.body, next, problem } };
}
