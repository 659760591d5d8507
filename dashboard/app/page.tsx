import type { Metadata } from 'next';
import { SlaBoard } from '../components/SlaBoard';
import { readApiUrl } from '../lib/readApiUrl';

// API_URL is read per request, so one build runs against any api.
export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: 'SLA board' };

/** BoardPage is the live SLA board, one tile per tenant. */
export default function BoardPage() {
  return <SlaBoard apiUrl={readApiUrl()} />;
}
