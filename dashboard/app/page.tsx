import type { Metadata } from 'next';
import { Suspense } from 'react';
import { SlaBoard } from '../components/SlaBoard';
import { readApiUrl } from '../lib/readApiUrl';

// API_URL is read per request, so one build runs against any api.
export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: 'SLA board' };

/** BoardPage is the live SLA board, one tile per tenant; its window, order and filters live in the URL. */
export default function BoardPage() {
  return (
    // useSearchParams needs a Suspense boundary in the App Router.
    <Suspense fallback={<p className="board-note">Loading the board…</p>}>
      <SlaBoard apiUrl={readApiUrl()} />
    </Suspense>
  );
}
