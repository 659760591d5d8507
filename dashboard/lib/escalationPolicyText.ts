import type { EscalationPolicy, EscalationTarget, OnCallChannel } from './onCallApiShapes';
import type { OnCallDirectory } from './onCallDirectory';
import { onCallWordList } from './onCallWordList';

const UNITS = [
  ['d', 86_400],
  ['h', 3_600],
  ['min', 60],
  ['s', 1],
] as const;

/**
 * escalationWaitText shows a step's wait exactly, in every unit it has ("15 min", "1 h 30 min", "3 s"): unlike the
 * alert list's rounded durations, a policy's wait is configuration and must read as it was set.
 */
export function escalationWaitText(minutes: number): string {
  let left = Math.round(minutes * 60);
  if (!Number.isFinite(left) || left <= 0) return '0 s';
  const parts: string[] = [];
  for (const [unit, size] of UNITS) {
    const n = Math.floor(left / size);
    left -= n * size;
    if (n > 0) parts.push(`${n} ${unit}`);
  }
  return parts.join(' ');
}

// How each kind of channel is reached, as a verb before the channel's name.
function channelPhrase(channel: OnCallChannel): string {
  switch (channel.type) {
    case 'pagerduty':
      return `page ${channel.name}`;
    case 'slack':
      return `post to ${channel.name} on Slack`;
    case 'email':
      return `e-mail ${channel.name}`;
    case 'webhook':
      return `call the webhook ${channel.name}`;
    default:
      return `notify ${channel.name}`;
  }
}

function channelName(id: string, directory: OnCallDirectory): string {
  const c = directory.channel(id);
  return typeof c === 'string' ? `channel ${id}` : c.name;
}

/**
 * escalationTargetText says in words what a step does with one target: "page PagerDuty (primary)", "e-mail Alice",
 * "notify whoever is on call on Primary (now Bob)". A target naming something that no longer exists says so; an id
 * the viewer cannot resolve (the list is not readable) is shown as it is.
 */
export function escalationTargetText(target: EscalationTarget, directory: OnCallDirectory): string {
  switch (target.type) {
    case 'channel': {
      const c = directory.channel(target.id);
      if (c === 'unknown') return `notify channel ${target.id}`;
      if (c === 'missing') return `notify channel ${target.id} (no such channel)`;
      return channelPhrase(c);
    }
    case 'user': {
      const u = directory.user(target.id);
      if (u === 'unknown') return `notify user ${target.id}`;
      if (u === 'missing') return `notify user ${target.id} (no such user)`;
      // How a person is reached is withheld from tenant users: their name is all that can be said.
      if (!directory.knowsContacts) return `notify ${u.name}`;
      // Alerting reaches a user at their e-mail address and through each of their channels.
      const via = u.channelIds.map((id) => channelName(id, directory));
      if (u.email !== null && via.length === 0) return `e-mail ${u.name}`;
      if (u.email !== null) return `notify ${u.name} by e-mail and via ${onCallWordList(via)}`;
      if (via.length > 0) return `notify ${u.name} via ${onCallWordList(via)}`;
      return `notify ${u.name} (who has no e-mail address or channel, so nobody is reached)`;
    }
    case 'schedule': {
      const s = directory.schedule(target.id);
      const name =
        s === 'unknown'
          ? `schedule ${target.id}`
          : s === 'missing'
            ? `schedule ${target.id} (no such schedule)`
            : s.name;
      const now = directory.whoIsOnCall(target.id);
      const who =
        now === undefined
          ? ''
          : now.length === 0
            ? ' (nobody is on call now)'
            : ` (now ${onCallWordList(now.map((id) => directory.userName(id)))})`;
      return `notify whoever is on call on ${name}${who}`;
    }
    default:
      return `notify ${target.type} ${target.id}`;
  }
}

/**
 * escalationPolicyText spells a policy out in one sentence: "Step 1: page PagerDuty (primary) and e-mail Alice, wait
 * 15 min; then step 2: …; repeats 1 time". The last step's wait only matters when the policy starts over, so it is
 * left out of a policy that does not repeat.
 */
export function escalationPolicyText(
  policy: Pick<EscalationPolicy, 'steps' | 'repeat'>,
  directory: OnCallDirectory,
): string {
  if (policy.steps.length === 0) return 'No steps: nobody is notified.';
  const repeats = Math.max(0, policy.repeat);
  const steps = policy.steps.map((step, i) => {
    const last = i === policy.steps.length - 1;
    const what = onCallWordList(step.targets.map((t) => escalationTargetText(t, directory)));
    const wait = last && repeats === 0 ? '' : `, wait ${escalationWaitText(step.waitMinutes)}`;
    return `${i === 0 ? 'Step 1' : `then step ${i + 1}`}: ${what}${wait}`;
  });
  const again = repeats === 0 ? 'does not repeat' : `repeats ${repeats} time${repeats === 1 ? '' : 's'}`;
  return `${steps.join('; ')}; ${again}`;
}
