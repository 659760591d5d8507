import { SMTPServer } from 'smtp-server';
import type { SMTPServerAddress, SMTPServerDataStream } from 'smtp-server';

/** SmtpStage is the SMTP command a scripted rejection answers. */
export type SmtpStage = 'mail' | 'rcpt' | 'data';

/** SmtpRejection is one scripted refusal: the reply code (4xx transient, 5xx permanent) at one stage. */
export interface SmtpRejection {
  code: number;
  stage: SmtpStage;
  message: string;
}

/** ReceivedMail is a message the fake accepted: the envelope, the raw RFC 5322 text, and its decoded headers. */
export interface ReceivedMail {
  envelope: { from: string; to: string[] };
  raw: string;
  headers: Map<string, string>;
  subject: string;
}

/** SmtpViolation is a message that breaks RFC 5322 (missing From or Date, a header line break in the wrong place). */
export interface SmtpViolation {
  reason: string;
  raw: string;
}

const MAX_SIZE = 10 * 1024 * 1024;

function decodeWords(value: string): string {
  // RFC 2047 encoded words, which nodemailer uses for non-ASCII subjects.
  return value.replace(
    /=\?([^?]+)\?([bBqQ])\?([^?]*)\?=\s*(?==\?)?/g,
    (_m, _charset: string, enc: string, text: string) =>
      enc.toUpperCase() === 'B'
        ? Buffer.from(text, 'base64').toString('utf8')
        : Buffer.from(
            text
              .replace(/_/g, ' ')
              .replace(/=([0-9A-Fa-f]{2})/g, (_x, hex: string) => String.fromCharCode(parseInt(hex, 16))),
            'latin1',
          ).toString('utf8'),
  );
}

function parseHeaders(raw: string): Map<string, string> {
  const head = raw.split(/\r\n\r\n/, 1)[0] ?? '';
  const unfolded = head.replace(/\r\n[ \t]+/g, ' ');
  const headers = new Map<string, string>();
  for (const line of unfolded.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    if (!headers.has(name)) headers.set(name, decodeWords(line.slice(colon + 1).trim()));
  }
  return headers;
}

/**
 * FakeSmtp is a local SMTP server (smtp-server, no TLS, AUTH optional) that records accepted messages (envelope +
 * raw), checks each against RFC 5322's required headers, and can be scripted to refuse with a 4xx or 5xx reply.
 */
export class FakeSmtp {
  readonly messages: ReceivedMail[] = [];
  readonly violations: SmtpViolation[] = [];
  private readonly rejections: SmtpRejection[] = [];
  private server: SMTPServer | undefined;
  private listenPort = 0;

  /** users, when given, are the only credentials AUTH accepts (535 otherwise). */
  constructor(private readonly users: Record<string, string> = {}) {}

  /** smtpUrl is the SMTP_URL pointing at the fake (credentials are added by the caller when testing AUTH). */
  get smtpUrl(): string {
    return `smtp://127.0.0.1:${this.listenPort}`;
  }

  /** port is the port the fake listens on. */
  get port(): number {
    return this.listenPort;
  }

  /** reject queues a refusal for the next command of that stage. */
  reject(code: number, stage: SmtpStage = 'data', message = 'scripted refusal'): this {
    this.rejections.push({ code, stage, message });
    return this;
  }

  /** start listens on 127.0.0.1 and a random port. */
  async start(): Promise<this> {
    const server = new SMTPServer({
      secure: false,
      disabledCommands: ['STARTTLS'],
      authOptional: true,
      allowInsecureAuth: true,
      logger: false,
      size: MAX_SIZE,
      onAuth: (auth, _session, callback) => {
        if (auth.username !== undefined && this.users[auth.username] === auth.password) {
          return callback(null, { user: auth.username });
        }
        callback(new Error('Invalid username or password'));
      },
      onMailFrom: (_address: SMTPServerAddress, _session, callback) => callback(this.take('mail')),
      onRcptTo: (_address: SMTPServerAddress, _session, callback) => callback(this.take('rcpt')),
      onData: (stream: SMTPServerDataStream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          const refusal = this.take('data');
          if (refusal) return callback(refusal);
          const raw = Buffer.concat(chunks).toString('utf8');
          const headers = parseHeaders(raw);
          const missing = ['from', 'date', 'subject', 'message-id'].filter((h) => !headers.has(h));
          if (missing.length > 0 || /(^|[^\r])\n/.test(raw)) {
            const reason =
              missing.length > 0 ? `missing headers: ${missing.join(', ')}` : 'bare LF in message';
            this.violations.push({ reason, raw });
            const err = Object.assign(new Error(reason), { responseCode: 554 });
            return callback(err);
          }
          const mailFrom = session.envelope.mailFrom;
          this.messages.push({
            envelope: {
              from: mailFrom ? mailFrom.address : '',
              to: session.envelope.rcptTo.map((r) => r.address),
            },
            raw,
            headers,
            subject: headers.get('subject') ?? '',
          });
          callback(null, 'Queued');
        });
      },
    });
    server.on('error', () => undefined);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    const address = server.server.address();
    this.listenPort = typeof address === 'object' && address ? address.port : 0;
    this.server = server;
    return this;
  }

  /** close stops the server. */
  async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private take(stage: SmtpStage): Error | null {
    const index = this.rejections.findIndex((r) => r.stage === stage);
    if (index < 0) return null;
    const [rejection] = this.rejections.splice(index, 1);
    return Object.assign(new Error(rejection!.message), { responseCode: rejection!.code });
  }
}
