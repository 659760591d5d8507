import nodemailer from 'nodemailer';
import type { Transporter } from 'nodemailer';

/** ReportMail is one report e-mail: the summary in the body, the PDF attached. */
export interface ReportMail {
  to: readonly string[];
  subject: string;
  text: string;
  html: string;
  attachmentName: string;
  pdf: Buffer;
}

/** ReportMailer sends report e-mails over SMTP (nodemailer). */
export class ReportMailer {
  private readonly transport: Transporter;

  /** constructor takes the SMTP URL (credentials may be in it; it is never logged) and the sender. */
  constructor(
    smtpUrl: string,
    private readonly from: string,
    timeoutMs = 30_000,
  ) {
    this.transport = nodemailer.createTransport(smtpUrl, {
      connectionTimeout: timeoutMs,
      greetingTimeout: timeoutMs,
      socketTimeout: timeoutMs,
    } as never);
  }

  /** send delivers one e-mail to every recipient (each sees only the list it was sent to). */
  async send(mail: ReportMail): Promise<void> {
    await this.transport.sendMail({
      from: this.from,
      to: [...mail.to],
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      attachments: [{ filename: mail.attachmentName, content: mail.pdf, contentType: 'application/pdf' }],
    });
  }

  /** close closes pooled connections. */
  close(): void {
    this.transport.close();
  }
}
