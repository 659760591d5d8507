export { onCallAt } from './onCallAt';
export type { OnCallNow } from './onCallAt';
export type { OnCallShift, ShiftSource } from './OnCallShift';
export { ScheduleRangeError } from './ScheduleRangeError';
export type { ScheduleLayer, ScheduleOverride, ScheduleSpec } from './ScheduleSpec';
export { ScheduleLayerSchema, ScheduleOverrideSchema, ScheduleSpecSchema } from './ScheduleSpec';
export { MAX_SHIFTS, MAX_SHIFTS_RANGE_DAYS, shiftsBetween } from './shiftsBetween';
