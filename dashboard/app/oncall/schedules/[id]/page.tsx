import type { Metadata } from 'next';
import { ScheduleEditor } from '../../../../components/ScheduleEditor';
import { readApiUrl } from '../../../../lib/readApiUrl';

// API_URL is read per request, so one build runs against any api.
export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: 'On-call schedule' };

/** ScheduleEditorPage edits an on-call schedule, or shows it read only to those who may not change it. */
export default async function ScheduleEditorPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <ScheduleEditor apiUrl={readApiUrl()} scheduleId={id} />;
}
