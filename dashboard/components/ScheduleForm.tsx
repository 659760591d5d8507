'use client';

import { useState } from 'react';
import type { Schedule } from '../lib/onCallApiShapes';
import { userChoices, type OnCallLists } from '../lib/onCallPickOptions';
import {
  buildScheduleRequest,
  newScheduleLayer,
  scheduleFields,
  scheduleFormValues,
  type ScheduleLayerValues,
  type ScheduleOverrideValues,
  type ScheduleRequest,
} from '../lib/scheduleForm';
import { timeZones, viewerTimeZone } from '../lib/timeZones';
import { useOnCallForm, type SaveProblem } from '../lib/useOnCallForm';
import { ChoiceSelect } from './ChoiceSelect';
import { FormField } from './FormField';
import { OnCallFormShell } from './OnCallFormShell';
import { ScheduleLayerFields } from './ScheduleLayerFields';

/** ScheduleFormProps carry the schedule to edit (null for a new one), who may be on call, and how to save. */
export interface ScheduleFormProps {
  schedule: Schedule | null;
  lists: OnCallLists;
  onSave: (body: ScheduleRequest) => Promise<SaveProblem | null>;
}

const MAX_LAYERS = 10;

/**
 * ScheduleForm creates or changes an on-call schedule: its time zone, its rotations (a later layer outranks an earlier
 * one) and overrides that put one person on call for a while, above every layer. Override times are the viewer's
 * local time. The api's reason for a refusal is shown on the field it names.
 */
export function ScheduleForm({ schedule, lists, onSave }: ScheduleFormProps) {
  const [zone] = useState(viewerTimeZone);
  const creating = schedule === null;
  const form = useOnCallForm({
    initial: scheduleFormValues(schedule, zone),
    creating,
    fields: scheduleFields,
    build: buildScheduleRequest,
    save: onSave,
  });
  const { values, setValues, fieldProblem } = form;
  // Some 400 zones: listed once, not on every keystroke.
  const [zones] = useState(() => timeZones(values.timeZone));
  const users = userChoices(lists);
  const setLayer = (i: number, patch: Partial<ScheduleLayerValues>) =>
    setValues((v) => ({ ...v, layers: v.layers.map((l, j) => (j === i ? { ...l, ...patch } : l)) }));
  const setOverride = (i: number, patch: Partial<ScheduleOverrideValues>) =>
    setValues((v) => ({ ...v, overrides: v.overrides.map((o, j) => (j === i ? { ...o, ...patch } : o)) }));

  return (
    <OnCallFormShell
      kind="schedule"
      title={creating ? 'New on-call schedule' : 'Schedule'}
      creating={creating}
      form={form}
      submitLabel={creating ? 'Create schedule' : 'Save schedule'}
      fields={
        <FormField id="schedule-zone" label="Time zone of hand-offs" problem={fieldProblem('spec.timeZone')}>
          {(c) => (
            <select
              {...c}
              value={values.timeZone}
              onChange={(e) => setValues((v) => ({ ...v, timeZone: e.target.value }))}
            >
              {zones.map((z) => (
                <option key={z} value={z}>
                  {z}
                </option>
              ))}
            </select>
          )}
        </FormField>
      }
    >
      {values.layers.map((layer, i) => (
        <ScheduleLayerFields
          key={i}
          index={i}
          layer={layer}
          users={users}
          onChange={(patch) => setLayer(i, patch)}
          onRemove={() => setValues((v) => ({ ...v, layers: v.layers.filter((_, j) => j !== i) }))}
          fieldProblem={fieldProblem}
        />
      ))}
      <div>
        <button
          type="button"
          className="button-quiet"
          data-testid="schedule-add-layer"
          disabled={values.layers.length >= MAX_LAYERS}
          onClick={() =>
            setValues((v) => ({ ...v, layers: [...v.layers, newScheduleLayer(v.layers.length)] }))
          }
        >
          Add layer
        </button>
      </div>

      <fieldset data-testid="schedule-overrides">
        <legend>Overrides (your local time, {zone})</legend>
        {values.overrides.length === 0 ? (
          <p className="field-hint">No override: the layers decide who is on call.</p>
        ) : null}
        {values.overrides.map((o, i) => (
          <div className="silence-grid" key={i} data-testid="schedule-override">
            <FormField
              id={`schedule-override-${i}-user`}
              label={`Override ${i + 1}: who`}
              problem={fieldProblem(`spec.overrides.${i}.user`)}
            >
              {(c) => (
                <ChoiceSelect
                  control={c}
                  value={o.user}
                  choices={users}
                  prompt="Choose a person…"
                  onChange={(user) => setOverride(i, { user })}
                />
              )}
            </FormField>
            <FormField
              id={`schedule-override-${i}-start`}
              label={`Override ${i + 1}: from`}
              problem={fieldProblem(`spec.overrides.${i}.start`)}
            >
              {(c) => (
                <input
                  {...c}
                  type="datetime-local"
                  value={o.start}
                  onChange={(e) => setOverride(i, { start: e.target.value })}
                />
              )}
            </FormField>
            <FormField
              id={`schedule-override-${i}-end`}
              label={`Override ${i + 1}: until`}
              problem={fieldProblem(`spec.overrides.${i}.end`)}
            >
              {(c) => (
                <input
                  {...c}
                  type="datetime-local"
                  value={o.end}
                  onChange={(e) => setOverride(i, { end: e.target.value })}
                />
              )}
            </FormField>
            <div style={{ alignSelf: 'end' }}>
              <button
                type="button"
                className="button-quiet"
                onClick={() => setValues((v) => ({ ...v, overrides: v.overrides.filter((_, j) => j !== i) }))}
              >
                Remove override {i + 1}
              </button>
            </div>
          </div>
        ))}
        <button
          type="button"
          className="button-quiet"
          data-testid="schedule-add-override"
          onClick={() =>
            setValues((v) => ({ ...v, overrides: [...v.overrides, { user: '', start: '', end: '' }] }))
          }
        >
          Add override
        </button>
      </fieldset>
    </OnCallFormShell>
  );
}
