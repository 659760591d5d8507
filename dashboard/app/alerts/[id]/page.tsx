import type { Metadata } from 'next';
import { AlertGroupView } from '../../../components/AlertGroupView';
import { readApiUrl } from '../../../lib/readApiUrl';

// API_URL is read per request, so one build runs against any api.
export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: 'Alert group' };

/** AlertGroupPage shows one alert group; notifications link here (CONSOLE_URL/alerts/<id>). */
export default async function AlertGroupPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <AlertGroupView apiUrl={readApiUrl()} groupId={id} />;
}
