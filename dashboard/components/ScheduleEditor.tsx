'use client';

import { formatDateTime } from '../lib/format';
import { isRecord } from '../lib/isRecord';
import { isSchedule, type Schedule } from '../lib/onCallApiShapes';
import { OnCallDirectory } from '../lib/onCallDirectory';
import { scheduleLayerText } from '../lib/scheduleLayerText';
import type { ScheduleRequest } from '../lib/scheduleForm';
import { useOnCallEditor } from '../lib/useOnCallEditor';
import { OnCallEditorFrame } from './OnCallEditorFrame';
import { ScheduleForm } from './ScheduleForm';

/** ScheduleEditorProps carry the api base URL and the schedule's id (null for a new schedule). */
export interface ScheduleEditorProps {
  apiUrl: string;
  scheduleId: string | null;
}

function overridesText(schedule: Schedule, directory: OnCallDirectory): string[] {
  const overrides = Array.isArray(schedule.spec.overrides) ? schedule.spec.overrides.filter(isRecord) : [];
  return overrides.map(
    (o) =>
      `${directory.userName(String(o.user))} from ${formatDateTime(String(o.start))} until ${formatDateTime(String(o.end))}`,
  );
}

/**
 * ScheduleEditor creates, changes and deletes an on-call schedule for the platform's SREs, and shows its rotations and
 * overrides read only, people by name, to tenant users whose alerts it pages for.
 */
export function ScheduleEditor({ apiUrl, scheduleId }: ScheduleEditorProps) {
  const editor = useOnCallEditor(apiUrl, 'schedules', scheduleId, isSchedule, 'on-call schedule');
  const directory = OnCallDirectory.from({ ...editor.lists, contacts: editor.canEdit });
  return (
    <OnCallEditorFrame
      editor={editor}
      noun="on-call schedule"
      testId="schedule-editor"
      form={(schedule) => (
        <ScheduleForm
          schedule={schedule}
          lists={editor.lists}
          onSave={(body: ScheduleRequest) => editor.save(body)}
        />
      )}
      details={(schedule: Schedule) => {
        const overrides = overridesText(schedule, directory);
        return (
          <dl data-testid="schedule-details">
            <dt>Id</dt>
            <dd>{schedule.id}</dd>
            <dt>Rotations</dt>
            <dd>
              <ul data-testid="schedule-details-layers">
                {scheduleLayerText(schedule, directory).map((l) => (
                  <li key={l}>{l}</li>
                ))}
              </ul>
            </dd>
            <dt>Overrides</dt>
            <dd data-testid="schedule-details-overrides">
              {overrides.length === 0 ? (
                'None'
              ) : (
                <ul>
                  {overrides.map((o) => (
                    <li key={o}>{o}</li>
                  ))}
                </ul>
              )}
            </dd>
          </dl>
        );
      }}
    />
  );
}
