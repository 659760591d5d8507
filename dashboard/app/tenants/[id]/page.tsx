import type { Metadata } from 'next';
import { TenantDetail } from '../../../components/TenantDetail';
import { readApiUrl } from '../../../lib/readApiUrl';

// API_URL is read per request, so one build runs against any api.
export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: 'Tenant' };

/** TenantPage shows one tenant's current SLA per window and its services. */
export default async function TenantPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <TenantDetail apiUrl={readApiUrl()} tenantId={id} />;
}
