import type { Metadata } from 'next';
import { ScheduleEditor } from '../../../../components/ScheduleEditor';
import { readApiUrl } from '../../../../lib/readApiUrl';

// API_URL is read per request, so one build runs against any api.
export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: 'New on-call schedule' };

/** NewScheduleEditorPage creates an on-call schedule. */
export default function NewScheduleEditorPage() {
  return <ScheduleEditor apiUrl={readApiUrl()} scheduleId={null} />;
}
