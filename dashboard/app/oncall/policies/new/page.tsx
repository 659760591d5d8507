import type { Metadata } from 'next';
import { EscalationPolicyEditor } from '../../../../components/EscalationPolicyEditor';
import { readApiUrl } from '../../../../lib/readApiUrl';

// API_URL is read per request, so one build runs against any api.
export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: 'New escalation policy' };

/** NewEscalationPolicyEditorPage creates an escalation policy. */
export default function NewEscalationPolicyEditorPage() {
  return <EscalationPolicyEditor apiUrl={readApiUrl()} policyId={null} />;
}
