import type { PickChoice } from '../lib/onCallPickOptions';
import { WEEKDAY_NAMES, type ScheduleLayerValues } from '../lib/scheduleForm';
import { FormField } from './FormField';
import { PickList } from './PickList';

/** ScheduleLayerFieldsProps carry one layer, its place, who may take part, and the problem lookup of its form. */
export interface ScheduleLayerFieldsProps {
  index: number;
  layer: ScheduleLayerValues;
  users: readonly PickChoice[];
  onChange: (patch: Partial<ScheduleLayerValues>) => void;
  onRemove: () => void;
  fieldProblem: (path: string) => string | null;
}

/**
 * ScheduleLayerFields edits one rotation: its name, daily or weekly, the hand-off time (and day, weekly), the first
 * hand-off's date, how many days or weeks a shift lasts, and the participants in turn order.
 */
export function ScheduleLayerFields({
  index,
  layer,
  users,
  onChange,
  onRemove,
  fieldProblem,
}: ScheduleLayerFieldsProps) {
  const n = index + 1;
  const id = (field: string) => `schedule-layer-${index}-${field}`;
  const problem = (field: string) => fieldProblem(`spec.layers.${index}.${field}`);
  const weekly = layer.rotation === 'weekly';
  return (
    <fieldset data-testid="schedule-layer">
      <legend>Layer {n}</legend>
      <div className="silence-grid">
        <FormField id={id('name')} label={`Layer ${n} name`} problem={problem('name')}>
          {(c) => (
            <input
              {...c}
              value={layer.name}
              maxLength={100}
              onChange={(e) => onChange({ name: e.target.value })}
            />
          )}
        </FormField>
        <FormField id={id('rotation')} label={`Layer ${n} rotation`} problem={problem('rotation')}>
          {(c) => (
            <select
              {...c}
              value={layer.rotation}
              onChange={(e) => onChange({ rotation: e.target.value === 'daily' ? 'daily' : 'weekly' })}
            >
              <option value="weekly">Weekly</option>
              <option value="daily">Daily</option>
            </select>
          )}
        </FormField>
        {weekly ? (
          <FormField id={id('weekday')} label={`Layer ${n} hand-off day`} problem={problem('handoffWeekday')}>
            {(c) => (
              <select
                {...c}
                value={layer.handoffWeekday}
                onChange={(e) => onChange({ handoffWeekday: e.target.value })}
              >
                {WEEKDAY_NAMES.map((d, i) => (
                  <option key={d} value={String(i + 1)}>
                    {d}
                  </option>
                ))}
              </select>
            )}
          </FormField>
        ) : null}
        <FormField id={id('time')} label={`Layer ${n} hand-off time`} problem={problem('handoffTime')}>
          {(c) => (
            <input
              {...c}
              type="time"
              value={layer.handoffTime}
              onChange={(e) => onChange({ handoffTime: e.target.value })}
            />
          )}
        </FormField>
        <FormField
          id={id('start')}
          label={`Layer ${n} first hand-off`}
          hint={weekly ? 'A date on the hand-off day.' : undefined}
          problem={problem('startDate')}
        >
          {(c) => (
            <input
              {...c}
              type="date"
              value={layer.startDate}
              onChange={(e) => onChange({ startDate: e.target.value })}
            />
          )}
        </FormField>
        <FormField
          id={id('length')}
          label={`Layer ${n} shift length (${weekly ? 'weeks' : 'days'})`}
          problem={problem('shiftLength')}
        >
          {(c) => (
            <input
              {...c}
              type="number"
              min={1}
              step={1}
              value={layer.shiftLength}
              onChange={(e) => onChange({ shiftLength: e.target.value })}
            />
          )}
        </FormField>
      </div>
      <PickList
        id={id('participants')}
        legend={`Layer ${n} participants, in turn order`}
        noun="participant"
        label={(k) => `Layer ${n} participant ${k}`}
        values={layer.participants}
        options={users}
        max={100}
        onChange={(participants) => onChange({ participants })}
        problem={problem('participants')}
      />
      <button type="button" className="button-quiet" onClick={onRemove}>
        Remove layer {n}
      </button>
    </fieldset>
  );
}
