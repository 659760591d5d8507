'use client';

import { escalationPolicyText } from '../lib/escalationPolicyText';
import { isEscalationPolicy, type EscalationPolicy } from '../lib/onCallApiShapes';
import { OnCallDirectory } from '../lib/onCallDirectory';
import type { PolicyRequest } from '../lib/policyForm';
import { useOnCallEditor } from '../lib/useOnCallEditor';
import { EscalationPolicyForm } from './EscalationPolicyForm';
import { OnCallEditorFrame } from './OnCallEditorFrame';

/** EscalationPolicyEditorProps carry the api base URL and the policy's id (null for a new policy). */
export interface EscalationPolicyEditorProps {
  apiUrl: string;
  policyId: string | null;
}

/**
 * EscalationPolicyEditor creates, changes and deletes an escalation policy for the platform's SREs, and shows it read
 * only, in words, to tenant users whose alerts it pages for.
 */
export function EscalationPolicyEditor({ apiUrl, policyId }: EscalationPolicyEditorProps) {
  const editor = useOnCallEditor(apiUrl, 'policies', policyId, isEscalationPolicy, 'escalation policy');
  const directory = OnCallDirectory.from({ ...editor.lists, contacts: editor.canEdit });
  return (
    <OnCallEditorFrame
      editor={editor}
      noun="escalation policy"
      testId="policy-editor"
      form={(policy) => (
        <EscalationPolicyForm
          policy={policy}
          lists={editor.lists}
          onSave={(body: PolicyRequest) => editor.save(body)}
        />
      )}
      details={(policy: EscalationPolicy) => (
        <dl data-testid="policy-details">
          <dt>Id</dt>
          <dd>{policy.id}</dd>
          <dt>Steps</dt>
          <dd data-testid="policy-details-steps">{escalationPolicyText(policy, directory)}</dd>
        </dl>
      )}
    />
  );
}
