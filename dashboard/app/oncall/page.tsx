import type { Metadata } from 'next';
import { OnCallOverview } from '../../components/OnCallOverview';
import { readApiUrl } from '../../lib/readApiUrl';

// API_URL is read per request, so one build runs against any api.
export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: 'On call' };

/** OnCallPage shows who is on call on each schedule, the next hand-offs, and the escalation policies in words. */
export default function OnCallPage() {
  return <OnCallOverview apiUrl={readApiUrl()} />;
}
