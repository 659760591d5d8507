import type { Metadata } from 'next';
import { SilenceManager } from '../../components/SilenceManager';
import { readApiUrl } from '../../lib/readApiUrl';

// API_URL is read per request, so one build runs against any api.
export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: 'Silences' };

/** SilencesPage lists silences and maintenance windows and creates new ones. */
export default function SilencesPage() {
  return <SilenceManager apiUrl={readApiUrl()} />;
}
