import type { Metadata } from 'next';
import { ReportCenter } from '../../components/ReportCenter';
import { readApiUrl } from '../../lib/readApiUrl';

// API_URL is read per request, so one build runs against any api.
export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: 'Reports' };

/** ReportsPage lists the weekly SLA reports, generates one on demand with its progress, and edits who receives them. */
export default function ReportsPage() {
  return <ReportCenter apiUrl={readApiUrl()} />;
}
