import type { IncomingMessage } from 'node:http';
import { FakeElasticsearch } from './FakeElasticsearch';
import type { SigV4Keys } from './verifySigV4';
import { verifySigV4 } from './verifySigV4';

/** IsmPolicy is the part of an ISM policy document the fake checks. */
interface IsmPolicy {
  default_state?: unknown;
  states?: Array<{ name?: unknown; actions?: unknown; transitions?: Array<{ state_name?: unknown }> }>;
  ism_template?: Array<{ index_patterns?: unknown }>;
}

/** Field types OpenSearch 2.x has no mapper for, with the one it offers instead. */
const UNKNOWN_TYPES: Record<string, string> = { flattened: 'flat_object' };

/**
 * FakeOpenSearch is FakeElasticsearch with OpenSearch's contract where the two differ: ISM policies under
 * `_plugins/_ism/policies` (a PUT over an existing policy needs `if_seq_no` and `if_primary_term`, else 409), no ILM
 * (`index.lifecycle.*` settings are unknown), `flat_object` instead of `flattened`, and, for an Amazon OpenSearch
 * Service domain, every request signed with SigV4 for service `es` (else 403, as the service answers).
 */
export class FakeOpenSearch extends FakeElasticsearch {
  /** The ISM policies by id, with the sequence number the next replacing PUT must name. */
  readonly ismPolicies = new Map<string, { policy: IsmPolicy; seqNo: number }>();
  /** Requests refused for their signature. */
  readonly refusedSignatures: string[] = [];
  signedRequests = 0;
  protected override productHeaders: Record<string, string> = {};
  private seqNo = 0;

  /** constructor takes the keys a signed domain accepts; without them the fake is a self-managed cluster. */
  constructor(private readonly sigv4?: SigV4Keys) {
    super();
  }

  protected override authenticate(req: IncomingMessage, body: Buffer): string | undefined {
    if (!this.sigv4) return undefined;
    const raw = req.url ?? '/';
    const q = raw.indexOf('?');
    const verdict = verifySigV4(
      {
        method: req.method ?? 'GET',
        rawPath: q === -1 ? raw : raw.slice(0, q),
        rawQuery: q === -1 ? '' : raw.slice(q + 1),
        headers: req.headers,
        body,
      },
      this.sigv4,
    );
    if ('code' in verdict) {
      this.refusedSignatures.push(`${verdict.code}: ${verdict.message}`);
      return verdict.message;
    }
    this.signedRequests++;
    return undefined;
  }

  protected override route(
    method: string,
    url: URL,
    text: string,
    reply: (status: number, body: unknown) => void,
  ): boolean {
    const refuse = (status: number, type: string, reason: string): true => {
      this.contractErrors.push(`${method} ${url.pathname}: ${reason}`);
      reply(status, { error: { type, reason }, status });
      return true;
    };
    if (url.pathname.startsWith('/_ilm/'))
      return refuse(400, 'illegal_argument_exception', 'OpenSearch has no ILM; use ISM');
    const ism = /^\/_plugins\/_ism\/policies\/([^/]+)$/.exec(url.pathname);
    if (ism) {
      const id = decodeURIComponent(ism[1]!);
      const current = this.ismPolicies.get(id);
      if (method === 'GET') {
        if (!current) {
          // Not a broken contract: a client asks before it creates.
          reply(404, { error: { type: 'status_exception', reason: 'Policy not found' }, status: 404 });
          return true;
        }
        reply(200, { _id: id, _seq_no: current.seqNo, _primary_term: 1, policy: current.policy });
        return true;
      }
      if (method !== 'PUT') return false;
      const seqNo = url.searchParams.get('if_seq_no');
      const term = url.searchParams.get('if_primary_term');
      if (current && (seqNo !== String(current.seqNo) || term !== '1'))
        return refuse(409, 'version_conflict_engine_exception', `[${id}]: version conflict`);
      const policy = (JSON.parse(text) as { policy?: IsmPolicy }).policy;
      const problem = policy ? ismProblem(policy) : 'the body must hold a policy';
      if (problem) return refuse(400, 'illegal_argument_exception', problem);
      this.ismPolicies.set(id, { policy: policy!, seqNo: ++this.seqNo });
      reply(current ? 200 : 201, { _id: id, _seq_no: this.seqNo, _primary_term: 1 });
      return true;
    }
    const template = /^\/_index_template\/([^/]+)$/.exec(url.pathname);
    if ((method === 'PUT' || method === 'POST') && template) {
      const body = JSON.parse(text) as {
        template?: {
          settings?: Record<string, unknown>;
          mappings?: { properties?: Record<string, { type?: string }> };
        };
      };
      const unknownSetting = Object.keys(body.template?.settings ?? {}).find((k) =>
        k.startsWith('index.lifecycle.'),
      );
      if (unknownSetting)
        return refuse(400, 'illegal_argument_exception', `unknown setting [${unknownSetting}]`);
      for (const [field, mapping] of Object.entries(body.template?.mappings?.properties ?? {}))
        if (mapping.type !== undefined && UNKNOWN_TYPES[mapping.type])
          return refuse(
            400,
            'mapper_parsing_exception',
            `No handler for type [${mapping.type}] declared on field [${field}]`,
          );
      this.templates.set(decodeURIComponent(template[1]!), body);
      reply(200, { acknowledged: true });
      return true;
    }
    return false;
  }
}

/** ismProblem says what ISM would refuse in a policy: an unknown default state or transition target, no states. */
function ismProblem(policy: IsmPolicy): string | undefined {
  const states = policy.states ?? [];
  if (states.length === 0) return 'a policy needs at least one state';
  const names = new Set(states.map((s) => s.name));
  if (!names.has(policy.default_state))
    return `default_state [${String(policy.default_state)}] is not a state`;
  for (const s of states) {
    if (!Array.isArray(s.actions)) return `state [${String(s.name)}] needs an actions array`;
    for (const t of s.transitions ?? [])
      if (!names.has(t.state_name)) return `transition to unknown state [${String(t.state_name)}]`;
  }
  for (const t of policy.ism_template ?? [])
    if (!Array.isArray(t.index_patterns)) return 'ism_template.index_patterns must be an array';
  return undefined;
}
