import type { Metadata } from 'next';
import { TraceDetail } from '../../../components/TraceDetail';
import { readApiUrl } from '../../../lib/readApiUrl';

// API_URL is read per request, so one build runs against any api.
export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: 'Trace' };

/** TracePage shows one trace's waterfall beside its logs. */
export default async function TracePage({ params }: { params: Promise<{ traceId: string }> }) {
  const { traceId } = await params;
  return <TraceDetail apiUrl={readApiUrl()} traceId={traceId} />;
}
