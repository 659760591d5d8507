import type { Metadata } from 'next';
import { Suspense } from 'react';
import { LogExplorer } from '../../components/LogExplorer';
import { readApiUrl } from '../../lib/readApiUrl';

// API_URL is read per request, so one build runs against any api.
export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: 'Log explorer' };

/** ExplorePage is the log explorer; its search lives in the URL. */
export default function ExplorePage() {
  return (
    // useSearchParams needs a Suspense boundary in the App Router.
    <Suspense fallback={<p className="board-note">Loading explorer…</p>}>
      <LogExplorer apiUrl={readApiUrl()} />
    </Suspense>
  );
}
