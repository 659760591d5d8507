import { isRecord } from './isRecord';
import type { Schedule } from './onCallApiShapes';
import type { OnCallDirectory } from './onCallDirectory';
import { onCallWordList } from './onCallWordList';

const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

/**
 * scheduleLayerText spells out each rotation of a schedule: "Daily rotation Weekdays: Alice, Bob and Carol take turns,
 * hand-off at 09:00 (Europe/Berlin), from 2026-03-02". The api types a schedule's spec as any object (alerting owns
 * its shape), so a layer that does not read as one is skipped rather than shown wrong.
 */
export function scheduleLayerText(schedule: Pick<Schedule, 'spec'>, directory: OnCallDirectory): string[] {
  const { spec } = schedule;
  const zone = typeof spec.timeZone === 'string' ? ` (${spec.timeZone})` : '';
  const layers = Array.isArray(spec.layers) ? spec.layers : [];
  return layers.flatMap((layer: unknown) => {
    if (
      !isRecord(layer) ||
      typeof layer.name !== 'string' ||
      (layer.rotation !== 'daily' && layer.rotation !== 'weekly') ||
      typeof layer.handoffTime !== 'string' ||
      typeof layer.startDate !== 'string' ||
      !Array.isArray(layer.participants) ||
      !layer.participants.every((p) => typeof p === 'string')
    )
      return [];
    const weekly = layer.rotation === 'weekly';
    const length = typeof layer.shiftLength === 'number' && layer.shiftLength > 1 ? layer.shiftLength : 1;
    const day =
      weekly && typeof layer.handoffWeekday === 'number' ? WEEKDAYS[layer.handoffWeekday - 1] : undefined;
    const people = onCallWordList(layer.participants.map((p: string) => directory.userName(p)));
    const turns = layer.participants.length === 1 ? 'is on call' : 'take turns';
    const every = length === 1 ? '' : `, ${plural(length, weekly ? 'week' : 'day')} each`;
    const when = `${day === undefined ? '' : `${day}s `}at ${layer.handoffTime}${zone}`;
    return [
      `${weekly ? 'Weekly' : 'Daily'} rotation ${layer.name}: ${people} ${turns}${every}, hand-off ${when}, from ${layer.startDate}`,
    ];
  });
}
