import { isRecord } from './isRecord';
import { isoToLocalInput, localInputToIso } from './logQuery';
import type { Schedule } from './onCallApiShapes';
import type { FormCheck } from './policyForm';

/** ScheduleLayerValues is one rotation of the schedule form, as typed. */
export interface ScheduleLayerValues {
  name: string;
  rotation: 'daily' | 'weekly';
  handoffTime: string;
  /** handoffWeekday is '1' (Monday) to '7' (Sunday); weekly rotations only. */
  handoffWeekday: string;
  startDate: string;
  shiftLength: string;
  participants: string[];
}

/** ScheduleOverrideValues puts one user on call from start to end (datetime-local, the viewer's time zone). */
export interface ScheduleOverrideValues {
  user: string;
  start: string;
  end: string;
}

/** ScheduleFormValues are the schedule form's fields, as typed. */
export interface ScheduleFormValues {
  id: string;
  name: string;
  timeZone: string;
  layers: ScheduleLayerValues[];
  overrides: ScheduleOverrideValues[];
}

/** ScheduleRequest is the body of POST and PUT /v1/alerting/schedules. */
export interface ScheduleRequest {
  id?: string;
  name: string;
  spec: {
    timeZone: string;
    layers: Record<string, unknown>[];
    overrides: { user: string; start: string; end: string }[];
  };
}

/** WEEKDAY_NAMES are the hand-off days, Monday (1) first, as alerting numbers them. */
export const WEEKDAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

const pad = (n: number) => String(n).padStart(2, '0');
const str = (v: unknown, fallback = '') => (typeof v === 'string' ? v : fallback);

/** nextMonday is the date (local) of the coming Monday, today when it is one: a weekly rotation's natural start. */
function nextMonday(now: Date): string {
  const d = new Date(now);
  d.setDate(d.getDate() + ((8 - d.getDay()) % 7));
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** newScheduleLayer is a weekly rotation handing off on Mondays at 09:00 from the coming Monday. */
export function newScheduleLayer(index: number, now = new Date()): ScheduleLayerValues {
  return {
    name: `Layer ${index + 1}`,
    rotation: 'weekly',
    handoffTime: '09:00',
    handoffWeekday: '1',
    startDate: nextMonday(now),
    shiftLength: '1',
    participants: [''],
  };
}

function layerValues(layer: unknown, i: number): ScheduleLayerValues {
  const l = isRecord(layer) ? layer : {};
  return {
    name: str(l.name, `Layer ${i + 1}`),
    rotation: l.rotation === 'daily' ? 'daily' : 'weekly',
    handoffTime: str(l.handoffTime, '09:00'),
    handoffWeekday: typeof l.handoffWeekday === 'number' ? String(l.handoffWeekday) : '1',
    startDate: str(l.startDate),
    shiftLength: typeof l.shiftLength === 'number' ? String(l.shiftLength) : '1',
    participants: Array.isArray(l.participants) ? l.participants.map((p) => str(p)) : [''],
  };
}

/**
 * scheduleFormValues fills the form from a schedule (alerting owns the spec's shape, so what does not read as
 * expected starts blank), or starts a new one in the viewer's time zone with one weekly layer.
 */
export function scheduleFormValues(schedule: Schedule | null, zone: string): ScheduleFormValues {
  if (schedule === null)
    return { id: '', name: '', timeZone: zone, layers: [newScheduleLayer(0)], overrides: [] };
  const { spec } = schedule;
  const overrides = Array.isArray(spec.overrides) ? spec.overrides.filter(isRecord) : [];
  return {
    id: schedule.id,
    name: schedule.name,
    timeZone: str(spec.timeZone, zone),
    layers: (Array.isArray(spec.layers) ? spec.layers : []).map(layerValues),
    overrides: overrides.map((o) => ({
      user: str(o.user),
      start: isoToLocalInput(str(o.start)).slice(0, 16),
      end: isoToLocalInput(str(o.end)).slice(0, 16),
    })),
  };
}

const LAYER_FIELDS = [
  'name',
  'rotation',
  'handoffTime',
  'handoffWeekday',
  'startDate',
  'shiftLength',
  'participants',
];

/** scheduleFields are the api paths the form has a field for, so a refusal lands on the right one. */
export function scheduleFields(values: ScheduleFormValues): string[] {
  return [
    'id',
    'name',
    'spec.timeZone',
    'spec.layers',
    'spec.overrides',
    ...values.layers.flatMap((_, i) => LAYER_FIELDS.map((f) => `spec.layers.${i}.${f}`)),
    ...values.overrides.flatMap((_, i) => ['user', 'start', 'end'].map((f) => `spec.overrides.${i}.${f}`)),
  ];
}

/**
 * buildScheduleRequest turns the form into a request: numbers from text, override times from the viewer's local time
 * to instants, the hand-off day for weekly rotations only. The rotation rules (a weekly start on its hand-off day,
 * at least one participant, …) are alerting's, and its reason is shown on the field it names.
 */
export function buildScheduleRequest(
  values: ScheduleFormValues,
  creating: boolean,
): FormCheck<ScheduleRequest> {
  const layers: Record<string, unknown>[] = [];
  for (const [i, l] of values.layers.entries()) {
    const length = Number(l.shiftLength);
    if (!Number.isInteger(length))
      return {
        ok: false,
        field: `spec.layers.${i}.shiftLength`,
        message: `layer ${i + 1}: enter a whole number of shifts`,
      };
    layers.push({
      name: l.name.trim(),
      rotation: l.rotation,
      handoffTime: l.handoffTime,
      ...(l.rotation === 'weekly' ? { handoffWeekday: Number(l.handoffWeekday) } : {}),
      startDate: l.startDate,
      participants: l.participants.filter((p) => p !== ''),
      shiftLength: length,
    });
  }
  const overrides: ScheduleRequest['spec']['overrides'] = [];
  for (const [i, o] of values.overrides.entries()) {
    const start = localInputToIso(o.start);
    const end = localInputToIso(o.end);
    if (start === undefined)
      return {
        ok: false,
        field: `spec.overrides.${i}.start`,
        message: `override ${i + 1}: enter when it starts`,
      };
    if (end === undefined)
      return {
        ok: false,
        field: `spec.overrides.${i}.end`,
        message: `override ${i + 1}: enter when it ends`,
      };
    overrides.push({ user: o.user, start, end });
  }
  const id = values.id.trim();
  return {
    ok: true,
    body: {
      ...(creating && id !== '' ? { id } : {}),
      name: values.name.trim(),
      spec: { timeZone: values.timeZone, layers, overrides },
    },
  };
}
