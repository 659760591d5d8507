import type { Notification, NotifyAction } from '../Notifier';
import { truncateText } from '../truncateText';

const TAGS: Record<NotifyAction, string> = {
  trigger: '[FIRING]',
  resolve: '[RESOLVED]',
  acknowledge: '[ACK]',
  reminder: '[REMINDER]',
};

const MAX_SUBJECT = 200;
const MAX_LISTED_ALERTS = 50;

/** EmailMessage is the rendered e-mail of one notification. */
export interface EmailMessage {
  subject: string;
  text: string;
  html: string;
}

/** escapeHtml escapes text for an HTML text node or a double-quoted attribute. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function webUrl(url: string | null): string | undefined {
  if (!url) return undefined;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}

function labelText(labels: Record<string, string>): string {
  return Object.entries(labels)
    .map(([k, v]) => `${oneLine(k)}=${truncateText(oneLine(v), 200)}`)
    .join(', ');
}

/**
 * buildEmailMessage renders a notification as a plain-text and a simple HTML e-mail; the subject starts with
 * [FIRING], [RESOLVED], [ACK] or [REMINDER] so mail filters can sort on it.
 */
export function buildEmailMessage(notification: Notification): EmailMessage {
  const title = oneLine(notification.title) || 'Sightline alert';
  const tenant = notification.tenant ?? 'platform';
  // One line only: a CR/LF in a title must not become a header break (nodemailer folds and encodes the rest).
  const suffix =
    notification.tenant && !title.includes(notification.tenant) ? ` (${oneLine(notification.tenant)})` : '';
  const subject = truncateText(`${TAGS[notification.action]} ${title}${suffix}`, MAX_SUBJECT);
  const consoleLink = webUrl(notification.consoleUrl);
  const runbook = webUrl(notification.runbookUrl);
  const alerts = notification.alerts.slice(0, MAX_LISTED_ALERTS);
  const hidden = notification.alerts.length - alerts.length;
  const escalation = notification.escalation
    ? `${notification.escalation.policy}, step ${notification.escalation.step}, pass ${notification.escalation.pass}`
    : undefined;

  const facts: [string, string][] = [
    ['Tenant', tenant],
    ['Severity', notification.severity],
    ['Action', notification.action],
    ['Group', labelText(notification.groupLabels)],
    ...(escalation ? ([['Escalation', escalation]] as [string, string][]) : []),
    ['Sent', notification.occurredAt],
  ];
  const alertLine = (a: (typeof alerts)[number]): string =>
    `${a.status.toUpperCase()} ${labelText(a.labels)}${a.annotations.summary ? ` — ${oneLine(a.annotations.summary)}` : ''}`;

  const text = [
    title,
    '',
    ...facts.map(([k, v]) => `${k}: ${oneLine(v)}`),
    '',
    'Alerts:',
    ...alerts.map((a) => `- ${alertLine(a)}`),
    ...(hidden > 0 ? [`- …and ${hidden} more`] : []),
    '',
    ...(consoleLink ? [`Open in Sightline: ${consoleLink}`] : []),
    ...(runbook ? [`Runbook: ${runbook}`] : []),
  ].join('\n');

  const html = [
    '<!doctype html><html><body style="font-family:sans-serif">',
    `<h2>${escapeHtml(title)}</h2>`,
    '<table>',
    ...facts.map(
      ([k, v]) => `<tr><th align="left">${escapeHtml(k)}</th><td>${escapeHtml(oneLine(v))}</td></tr>`,
    ),
    '</table>',
    '<ul>',
    ...alerts.map((a) => `<li>${escapeHtml(alertLine(a))}</li>`),
    ...(hidden > 0 ? [`<li>…and ${hidden} more</li>`] : []),
    '</ul>',
    consoleLink ? `<p><a href="${escapeHtml(consoleLink)}">Open in Sightline</a></p>` : '',
    runbook ? `<p><a href="${escapeHtml(runbook)}">Runbook</a></p>` : '',
    '</body></html>',
  ].join('\n');

  return { subject, text, html };
}
