import type { TimelineEvent } from './alertApiShapes';

/** TIMELINE_LABEL names each kind of timeline entry the alert engine writes. */
export const TIMELINE_LABEL: Record<string, string> = {
  triggered: 'Triggered',
  escalated: 'Escalated',
  'escalation-exhausted': 'Escalation exhausted',
  acknowledged: 'Acknowledged',
  resolved: 'Resolved',
  muted: 'Muted',
  unmuted: 'Unmuted',
  updated: 'Updated',
  repeated: 'Repeated',
  closed: 'Closed',
  unrouted: 'Not routed',
};

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' ? v : undefined);
const list = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function paged(detail: Record<string, unknown>): string {
  const step = num(detail.step);
  const pass = num(detail.pass);
  const targets = list(detail.targets);
  const unresolved = list(detail.unresolved);
  const where =
    step === undefined ? '' : `step ${step}${pass !== undefined && pass > 1 ? ` (pass ${pass})` : ''}: `;
  const who = targets.length > 0 ? `notified ${targets.join(', ')}` : 'nobody to notify';
  return `${where}${who}${unresolved.length > 0 ? `; could not reach ${unresolved.join(', ')}` : ''}`;
}

/** describeTimelineEvent puts a timeline entry in words: its label and what happened, from its detail. */
export function describeTimelineEvent(event: TimelineEvent): { label: string; text: string } {
  const d = event.detail;
  const by = event.actor !== null ? ` by ${event.actor}` : '';
  const via = str(d.via) !== undefined && d.via !== 'api' ? ` (via ${String(d.via)})` : '';
  const label = TIMELINE_LABEL[event.kind] ?? event.kind;
  switch (event.kind) {
    case 'triggered':
    case 'escalated':
      return { label, text: paged(d) };
    case 'escalation-exhausted':
      return { label, text: 'every step of the escalation policy was tried and nobody acknowledged' };
    case 'acknowledged':
      return { label, text: `acknowledged${by}${via}` };
    case 'resolved':
      return d.manual === true
        ? { label, text: `resolved${by}${via}` }
        : {
            label,
            text: `every alert stopped firing${num(d.alerts) !== undefined ? ` (${plural(num(d.alerts)!, 'alert')})` : ''}`,
          };
    case 'muted':
      return { label, text: str(d.reason) ?? 'muted' };
    case 'unmuted':
      return { label, text: 'no longer muted; paging again' };
    case 'updated':
    case 'repeated': {
      const firing = num(d.firing);
      const what = event.kind === 'updated' ? 'the firing alerts changed' : 'still firing, not acknowledged';
      return {
        label,
        text: `${what}; notified again${firing !== undefined ? ` (${plural(firing, 'alert')} firing)` : ''}`,
      };
    }
    case 'closed':
    case 'unrouted':
      return { label, text: str(d.reason) ?? '' };
    default: {
      const rest = Object.keys(d).length > 0 ? JSON.stringify(d) : '';
      return { label, text: `${rest}${by}`.trim() };
    }
  }
}
