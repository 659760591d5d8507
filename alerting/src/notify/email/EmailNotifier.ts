import { createTransport } from 'nodemailer';
import type { Transporter } from 'nodemailer';
import type { EmailChannel } from '../ChannelConfig';
import type { Notification, Notifier, NotifyResult } from '../Notifier';
import { DEFAULT_NOTIFY_TIMEOUT_MS } from '../postJson';
import { classifyNetworkError, classifySmtpReply } from '../retryDecision';
import { scrubSecrets } from '../scrubSecrets';
import { truncateText } from '../truncateText';
import { buildEmailMessage } from './buildEmailMessage';

/** EmailSmtpOptions say how to reach the SMTP relay (SMTP_URL, e.g. smtp://user:pass@relay:587) and as whom to send. */
export interface EmailSmtpOptions {
  smtpUrl: string;
  from: string;
  timeoutMs?: number;
}

interface SmtpError {
  responseCode?: unknown;
  response?: unknown;
  command?: unknown;
  code?: unknown;
}

function smtpSecrets(smtpUrl: string): string[] {
  const secrets = [smtpUrl];
  try {
    const { password } = new URL(smtpUrl);
    if (password) secrets.push(password, decodeURIComponent(password));
  } catch {
    // nodemailer will reject the URL itself; the whole string is already listed.
  }
  return secrets;
}

/**
 * EmailNotifier sends each notification as one e-mail (text + simple HTML) to the channel's recipients through
 * nodemailer's SMTP transport; SMTP replies are classified by the shared table (4xx retry, 5xx dead).
 */
export class EmailNotifier implements Notifier {
  readonly integration = 'email';
  private readonly transport: Transporter;
  private readonly timeoutMs: number;
  private readonly secrets: string[];

  constructor(
    private readonly channel: EmailChannel,
    private readonly smtp: EmailSmtpOptions,
  ) {
    this.timeoutMs = smtp.timeoutMs ?? DEFAULT_NOTIFY_TIMEOUT_MS;
    // Relays echo the recipient they refuse (`<jane@example.com>: Recipient address rejected`); a reason is logged and
    // shown in the console, so the channel's addresses are kept out of it like the relay's password.
    this.secrets = [...smtpSecrets(smtp.smtpUrl), ...channel.to];
    // Every wait of the SMTP dialogue gets the notifier's timeout; query parameters of the URL may still override.
    this.transport = createTransport({
      url: smtp.smtpUrl,
      connectionTimeout: this.timeoutMs,
      greetingTimeout: this.timeoutMs,
      socketTimeout: this.timeoutMs,
      disableFileAccess: true,
      disableUrlAccess: true,
    });
  }

  async send(notification: Notification, signal?: AbortSignal): Promise<NotifyResult> {
    const message = buildEmailMessage(notification);
    const timeout = AbortSignal.timeout(this.timeoutMs);
    try {
      const info = (await this.transport.sendMail({
        from: this.smtp.from,
        to: this.channel.to,
        subject: message.subject,
        text: message.text,
        html: message.html,
        headers: { 'X-Sightline-Notification-Id': notification.id },
        signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
      })) as { accepted?: unknown[]; rejected?: unknown[]; messageId?: string };
      const rejected = info.rejected?.length ?? 0;
      const accepted = info.accepted?.length ?? this.channel.to.length;
      const detail =
        rejected > 0
          ? `accepted for ${accepted} of ${accepted + rejected} recipients`
          : `accepted (${info.messageId ?? ''})`;
      return { ok: true, detail };
    } catch (err) {
      return this.failure(err);
    }
  }

  private failure(err: unknown): NotifyResult {
    const { responseCode, response, command } = (err ?? {}) as SmtpError;
    if (typeof responseCode === 'number') {
      const verdict = classifySmtpReply(responseCode);
      const said =
        typeof response === 'string' ? truncateText(scrubSecrets(response, this.secrets), 300) : '';
      const during = typeof command === 'string' ? ` to ${command.split(' ')[0]}` : '';
      const reason = `SMTP server answered ${responseCode}${during}${said ? ` (${said.replace(/\s+/g, ' ')})` : ''}`;
      // A 2xx inside an error is a dialogue gone out of step, not a refusal: worth another connection.
      return { ok: false, retryable: verdict !== 'dead', reason };
    }
    const verdict = classifyNetworkError(err);
    return { ok: false, retryable: verdict.retryable, reason: `SMTP server unreachable: ${verdict.reason}` };
  }
}
