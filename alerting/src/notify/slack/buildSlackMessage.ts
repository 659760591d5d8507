import type { Notification, NotifyAction } from '../Notifier';
import { truncateText } from '../truncateText';

// Block Kit limits: https://docs.slack.dev/reference/block-kit/blocks (header text 150, section text 3000,
// section fields 10 × 2000, context elements 10, 50 blocks per message).
const MAX_HEADER = 150;
const MAX_SECTION = 3000;
const MAX_FIELD = 2000;
const MAX_FALLBACK = 300;
const MAX_LISTED_ALERTS = 10;

/** SlackTextObject is a Block Kit text object. */
export interface SlackTextObject {
  type: 'plain_text' | 'mrkdwn';
  text: string;
  emoji?: boolean;
}

/** SlackBlock is the subset of Block Kit blocks Sightline sends. */
export type SlackBlock =
  | { type: 'header'; text: SlackTextObject }
  | { type: 'section'; text?: SlackTextObject; fields?: SlackTextObject[] }
  | { type: 'context'; elements: SlackTextObject[] }
  | { type: 'divider' };

/** SlackMessage is an incoming-webhook body: Block Kit blocks plus the `text` fallback notifications show. */
export interface SlackMessage {
  text: string;
  blocks: SlackBlock[];
  channel?: string;
}

const VARIANTS: Record<NotifyAction, { icon: string; state: string; tag: string }> = {
  trigger: { icon: ':rotating_light:', state: 'Firing', tag: 'FIRING' },
  acknowledge: { icon: ':eyes:', state: 'Acknowledged', tag: 'ACK' },
  resolve: { icon: ':white_check_mark:', state: 'Resolved', tag: 'RESOLVED' },
  reminder: { icon: ':alarm_clock:', state: 'Still firing (reminder)', tag: 'REMINDER' },
};

/** escapeMrkdwn escapes the three characters Slack's mrkdwn reserves, which also defuses `<!channel>`-style mentions. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function link(url: string | null, label: string): string | undefined {
  if (!url) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return undefined;
  // The parsed form has < > and spaces percent-encoded; `|` would still end the URL part early, and Slack reads
  // &amp;-style escapes inside it.
  return `<${escapeMrkdwn(parsed.href).replace(/\|/g, '%7C')}|${escapeMrkdwn(label)}>`;
}

function alertLines(notification: Notification): string {
  const lines: string[] = [];
  let length = 0;
  const shown = notification.alerts.slice(0, MAX_LISTED_ALERTS);
  for (const alert of shown) {
    const name = alert.labels.alertname ?? 'alert';
    const where = alert.labels.instance ?? alert.labels.service ?? '';
    const summary = alert.annotations.summary ?? alert.annotations.description ?? '';
    const status = alert.status === 'resolved' ? ':white_check_mark:' : ':red_circle:';
    const line = truncateText(
      `${status} *${escapeMrkdwn(oneLine(name))}*${where ? ` ${escapeMrkdwn(oneLine(where))}` : ''}${
        summary ? ` — ${escapeMrkdwn(oneLine(summary))}` : ''
      }`,
      400,
    );
    if (length + line.length + 1 > MAX_SECTION - 100) break;
    lines.push(line);
    length += line.length + 1;
  }
  const hidden = notification.alerts.length - lines.length;
  if (hidden > 0) lines.push(`…and ${hidden} more`);
  return lines.length > 0 ? lines.join('\n') : '_no alerts in this group_';
}

/**
 * buildSlackMessage renders a notification as Block Kit (header, tenant/severity/state fields, the alert list, a
 * context line with links) within Slack's limits, with a plain `text` fallback; the action picks the variant.
 */
export function buildSlackMessage(notification: Notification, channel?: string): SlackMessage {
  const variant = VARIANTS[notification.action];
  const title = oneLine(notification.title) || 'Sightline alert';
  const tenant = notification.tenant ?? 'platform';
  const firing = notification.alerts.filter((a) => a.status === 'firing').length;
  const fields: SlackTextObject[] = [
    { type: 'mrkdwn', text: `*Tenant*\n${escapeMrkdwn(oneLine(tenant))}` },
    { type: 'mrkdwn', text: `*Severity*\n${escapeMrkdwn(oneLine(notification.severity) || 'unknown')}` },
    { type: 'mrkdwn', text: `*State*\n${variant.state} (${firing} of ${notification.alerts.length} firing)` },
  ];
  if (notification.escalation) {
    const { policy, step, pass } = notification.escalation;
    fields.push({
      type: 'mrkdwn',
      text: `*Escalation*\n${escapeMrkdwn(oneLine(policy))}, step ${step}, pass ${pass}`,
    });
  }
  const links = [
    link(notification.consoleUrl, 'Open in Sightline'),
    link(notification.runbookUrl, 'Runbook'),
  ];
  const context: SlackTextObject[] = [
    ...links.filter((l): l is string => l !== undefined).map((text) => ({ type: 'mrkdwn' as const, text })),
    { type: 'mrkdwn', text: `Sent ${escapeMrkdwn(notification.occurredAt)}` },
  ];
  const blocks: SlackBlock[] = [
    {
      type: 'header',
      text: {
        type: 'plain_text',
        text: truncateText(`${variant.icon} ${variant.state}: ${title}`, MAX_HEADER),
        emoji: true,
      },
    },
    { type: 'section', fields: fields.map((f) => ({ ...f, text: truncateText(f.text, MAX_FIELD) })) },
    { type: 'section', text: { type: 'mrkdwn', text: truncateText(alertLines(notification), MAX_SECTION) } },
    { type: 'context', elements: context },
  ];
  // The tenant is added only where the title does not already name it (titles are often "<alertname> (<tenant>)").
  const suffix =
    notification.tenant && !title.includes(notification.tenant) ? ` (${oneLine(notification.tenant)})` : '';
  const text = truncateText(`[${variant.tag}] ${escapeMrkdwn(`${title}${suffix}`)}`, MAX_FALLBACK);
  return { text, blocks, ...(channel ? { channel } : {}) };
}
