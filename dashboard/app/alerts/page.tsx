import type { Metadata } from 'next';
import { Suspense } from 'react';
import { AlertGroupList } from '../../components/AlertGroupList';
import { readApiUrl } from '../../lib/readApiUrl';

// API_URL is read per request, so one build runs against any api.
export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: 'Alerts' };

/** AlertsPage is the on-call list of alert groups; its filter lives in the URL. */
export default function AlertsPage() {
  return (
    // useSearchParams needs a Suspense boundary in the App Router.
    <Suspense fallback={<p className="board-note">Loading alerts…</p>}>
      <AlertGroupList apiUrl={readApiUrl()} />
    </Suspense>
  );
}
