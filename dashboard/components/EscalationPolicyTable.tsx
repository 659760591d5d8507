import Link from 'next/link';
import { escalationPolicyText } from '../lib/escalationPolicyText';
import type { EscalationPolicy } from '../lib/onCallApiShapes';
import type { OnCallDirectory } from '../lib/onCallDirectory';

/** EscalationPolicyTableProps carry the policies and the names their targets resolve to. */
export interface EscalationPolicyTableProps {
  policies: readonly EscalationPolicy[];
  directory: OnCallDirectory;
}

/** EscalationPolicyTable lists escalation policies, each linked to its page and its steps spelled out in one sentence. */
export function EscalationPolicyTable({ policies, directory }: EscalationPolicyTableProps) {
  return (
    <div className="table-scroll">
      <table className="alert-table" data-testid="policies">
        <caption className="visually-hidden">Escalation policies and their steps</caption>
        <thead>
          <tr>
            <th scope="col">Policy</th>
            <th scope="col">Steps</th>
          </tr>
        </thead>
        <tbody>
          {policies.map((p) => (
            <tr key={p.id} data-testid="policy-row" data-policy-id={p.id}>
              <th scope="row">
                <Link href={`/oncall/policies/${encodeURIComponent(p.id)}`} data-testid="policy-link">
                  {p.name}
                </Link>
                <span className="board-note"> · {p.id}</span>
              </th>
              <td className="silence-comment" data-testid="policy-steps">
                {escalationPolicyText(p, directory)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
