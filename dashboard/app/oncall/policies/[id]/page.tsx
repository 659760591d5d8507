import type { Metadata } from 'next';
import { EscalationPolicyEditor } from '../../../../components/EscalationPolicyEditor';
import { readApiUrl } from '../../../../lib/readApiUrl';

// API_URL is read per request, so one build runs against any api.
export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: 'Escalation policy' };

/** EscalationPolicyEditorPage edits an escalation policy, or shows it read only to those who may not change it. */
export default async function EscalationPolicyEditorPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <EscalationPolicyEditor apiUrl={readApiUrl()} policyId={id} />;
}
