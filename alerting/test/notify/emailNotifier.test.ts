import { EmailNotifier } from '../../src/notify/email/EmailNotifier';
import type { NotifyAction } from '../../src/notify/Notifier';
import { FakeSmtp } from '@sightline/testing';
import { sampleNotification } from './sampleNotification';

const FROM = 'Sightline <alerts@sightline.example>';
const PASSWORD = 'sm7p-pa55w0rd-do-not-leak';

let smtp: FakeSmtp;

beforeAll(async () => {
  smtp = await new FakeSmtp({ alerts: PASSWORD }).start();
});
afterAll(() => smtp.close());
afterEach(() => expect(smtp.violations).toEqual([]));

const notifierFor = (to: string[], smtpUrl = smtp.smtpUrl): EmailNotifier =>
  new EmailNotifier({ type: 'email', to }, { smtpUrl, from: FROM, timeoutMs: 5000 });

test.each<[NotifyAction, string]>([
  ['trigger', '[FIRING] High error rate on checkout (acme)'],
  ['resolve', '[RESOLVED] High error rate on checkout (acme)'],
  ['acknowledge', '[ACK] High error rate on checkout (acme)'],
  ['reminder', '[REMINDER] High error rate on checkout (acme)'],
])('the e-mail of a %s notification reaches the SMTP server with the subject %s', async (action, subject) => {
  const result = await notifierFor(['oncall@example.com', 'sre@example.com']).send(
    sampleNotification({ action }),
  );
  expect(result).toMatchObject({ ok: true });
  const mail = smtp.messages.at(-1)!;
  expect(mail.subject).toBe(subject);
  expect(mail.envelope).toEqual({
    from: 'alerts@sightline.example',
    to: ['oncall@example.com', 'sre@example.com'],
  });
  expect(mail.headers.get('x-sightline-notification-id')).toBe('outbox-42');
  expect(mail.headers.get('content-type')).toMatch(/^multipart\/alternative/);
  expect(mail.raw).toContain('Tenant: acme');
  expect(mail.raw).toContain('text/html');
});

test('a title that does not name the tenant gets it appended to the subject', async () => {
  await notifierFor(['oncall@example.com']).send(sampleNotification({ title: 'Disk almost full' }));
  expect(smtp.messages.at(-1)!.subject).toBe('[FIRING] Disk almost full (acme)');
});

test('hostile titles cannot inject headers or HTML', async () => {
  const result = await notifierFor(['oncall@example.com']).send(
    sampleNotification({
      title: 'Boom\r\nBcc: evil@example.com\r\n\r\n<script>alert(1)</script> ünïcødé 🔥',
    }),
  );
  expect(result).toMatchObject({ ok: true });
  const mail = smtp.messages.at(-1)!;
  expect(mail.envelope.to).toEqual(['oncall@example.com']);
  expect(mail.headers.has('bcc')).toBe(false);
  expect(mail.subject).toBe(
    '[FIRING] Boom Bcc: evil@example.com <script>alert(1)</script> ünïcødé 🔥 (acme)',
  );
  const html = mail.raw.slice(mail.raw.indexOf('Content-Type: text/html'));
  expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  expect(html).not.toContain('<script>');
});

test('a recipient the server refuses does not stop delivery to the others', async () => {
  smtp.reject(550, 'rcpt', 'No such user');
  const result = await notifierFor(['gone@example.com', 'oncall@example.com']).send(sampleNotification());
  expect(result).toEqual({ ok: true, detail: 'accepted for 1 of 2 recipients' });
  expect(smtp.messages.at(-1)!.envelope.to).toEqual(['oncall@example.com']);
});

test('a refused login is final and its reason never shows the SMTP password', async () => {
  const url = `smtp://alerts:${encodeURIComponent(`${PASSWORD}-wrong`)}@127.0.0.1:${smtp.port}`;
  const result = await notifierFor(['oncall@example.com'], url).send(sampleNotification());
  expect(result).toMatchObject({ ok: false, retryable: false });
  expect(!result.ok && result.reason).toContain('535');
  expect(JSON.stringify(result)).not.toContain(PASSWORD);

  const good = `smtp://alerts:${encodeURIComponent(PASSWORD)}@127.0.0.1:${smtp.port}`;
  expect(await notifierFor(['oncall@example.com'], good).send(sampleNotification())).toMatchObject({
    ok: true,
  });
});

test('a 4xx at DATA is retryable and says what the server answered', async () => {
  smtp.reject(451, 'data', 'Local error in processing');
  const result = await notifierFor(['oncall@example.com']).send(sampleNotification());
  expect(result).toEqual({
    ok: false,
    retryable: true,
    reason: 'SMTP server answered 451 to DATA (451 Local error in processing)',
  });
});

test("a reason never shows the recipient's address that the server echoes in its refusal", async () => {
  smtp.reject(450, 'rcpt', '4.2.0 <jane.doe@example.com>: Recipient address rejected: try again later');
  const result = await notifierFor(['jane.doe@example.com']).send(sampleNotification());
  expect(result).toEqual({
    ok: false,
    retryable: true,
    reason:
      'SMTP server answered 450 to RCPT (450 4.2.0 <[redacted]>: Recipient address rejected: try again later)',
  });
});
