import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PORTS } from '@sightline/contracts';
import { createTestDatabase } from '@sightline/testing';
import type { Drill, DrillOptions } from '../Drill';
import { DrillReport } from '../DrillReport';
import { CleanupStack } from '../support/CleanupStack';
import { count } from '../support/format';
import { sleep } from '../support/sleep';
import { startNotificationFakes } from '../support/startNotificationFakes';
import { stagePorts, startPlatformStage } from '../support/startPlatformStage';
import { Canaries } from './secretsScanCanaries';
import type { SourceScan } from './secretsScanSources';
import {
  scanErrorBodies,
  scanFiles,
  scanMetrics,
  scanOutput,
  scanStoredTelemetry,
} from './secretsScanSources';
import { driveTraffic } from './secretsScanTraffic';

/** SECRETS_SCAN_OFFSET is the drill's PORT_OFFSET: e2e journeys use 10000, 10100 and 10200. */
export const SECRETS_SCAN_OFFSET = 10700;
const ADMIN_EMAIL = 'admin@sightline.local';

/**
 * secretsScanDrill starts the platform as `npm start` does, with canary secrets in its environment and *_FILE
 * files, drives traffic that carries them and canary personal data everywhere a user can put it, and then reads
 * everything the run produced: every process's stdout and stderr, the collector's stored spans, logs and metrics
 * (and its spill files), every /metrics page and every error body. Any canary found fails the drill, with where.
 */
export const secretsScanDrill: Drill = {
  name: 'secrets-scan',
  title: 'No secret or PII in logs, traces, metrics or error bodies',
  issueItem: 'issue 10, security 5',
  async run({ short, log }: DrillOptions): Promise<DrillReport> {
    const report = new DrillReport('secrets-scan', short);
    const cleanup = new CleanupStack();
    try {
      const busy = await firstListening(stagePorts(SECRETS_SCAN_OFFSET));
      if (busy !== undefined)
        throw new Error(
          `port ${busy} (PORT_OFFSET ${SECRETS_SCAN_OFFSET}) is taken: is another secrets-scan running?`,
        );
      const c = new Canaries();
      const adminPassword = c.token('admin password', 'cnryAdminPw-');
      const internalToken = c.token('internal token', 'cnryInternal-', 16);
      const kek = c.secret('JWT signing-key encryption key', randomBytes(32).toString('base64'));
      const smtpPassword = c.token('SMTP password', 'cnrySmtpPw');
      const routingKey = c.secret('PagerDuty routing key', `cnry${c.id}${randomBytes(10).toString('hex')}`);
      const webhookSecret = c.token('PagerDuty webhook secret', 'cnryPdHook');
      const slackToken = c.token('Slack webhook token', 'cnrySlack');
      const intakeToken = c.token('alert intake token', 'cnryIntake');
      const collectorKey = c.token('collector API key', 'cnryOtlpKey');
      const dbPassword = c.token('database password', 'cnryDbPw');

      const fakes = await startNotificationFakes('sightline', smtpPassword, cleanup);
      const db = await createTestDatabase('sl_drill_secrets');
      cleanup.push({ close: () => db.drop(), onExit: () => undefined });
      // The machine's PostgreSQL trusts loopback, so the password is never checked: it is there to be leaked or not.
      const dbUrl = new URL(db.url);
      dbUrl.password = dbPassword;
      const secretsDir = mkdtempSync(join(tmpdir(), 'sl-drill-secrets-'));
      const removeSecrets = () => rmSync(secretsDir, { recursive: true, force: true });
      cleanup.push({ close: removeSecrets, onExit: removeSecrets });
      const file = (name: string, value: string) => {
        const path = join(secretsDir, name);
        writeFileSync(path, `${value}\n`, { mode: 0o600 });
        return path;
      };
      log(`starting the platform (PORT_OFFSET ${SECRETS_SCAN_OFFSET}), canary run id ${c.id}`);
      const startedAt = Date.now();
      const stage = await startPlatformStage(
        {
          offset: SECRETS_SCAN_OFFSET,
          env: {
            DATABASE_URL_FILE: file('database-url', dbUrl.toString()),
            ADMIN_EMAIL,
            ADMIN_PASSWORD_FILE: file('admin-password', adminPassword),
            AUTH_KEY_ENCRYPTION_KEY_FILE: file('kek', kek),
            SMTP_URL_FILE: file('smtp-url', `smtp://sightline:${smtpPassword}@127.0.0.1:${fakes.smtp.port}`),
            PAGERDUTY_ROUTING_KEY_FILE: file('pagerduty-routing-key', routingKey),
            PAGERDUTY_EVENTS_URL: `${fakes.baseUrl}/v2/enqueue`,
            PAGERDUTY_WEBHOOK_SECRETS_FILE: file('pagerduty-webhook-secrets', webhookSecret),
            SLACK_WEBHOOK_URL_FILE: file(
              'slack-webhook-url',
              `${fakes.baseUrl}/services/T0DRILL/B0DRILL/${slackToken}`,
            ),
            ALERT_INTAKE_TOKEN_FILE: file('alert-intake-token', intakeToken),
            COLLECTOR_API_KEYS_FILE: file('collector-api-keys', `${collectorKey}=acme`),
            REDIS_URL: '',
            DEMO_RPS: short ? '5' : '20',
            LOG_LEVEL: 'debug',
            ECHO_ACCESS_LOGS: 'true',
          },
          // The launcher keeps the internal token in the data directory; placed there, it is the one it uses.
          beforeStart: (dataDir) =>
            writeFileSync(join(dataDir, 'secrets.json'), JSON.stringify({ internalToken, adminPassword }), {
              mode: 0o600,
            }),
        },
        cleanup,
      );
      report.record(
        'startMs',
        'platform up after (launcher start to "Sightline is up")',
        Date.now() - startedAt,
        (v) => `${(v / 1000).toFixed(1)} s`,
      );
      log('platform up; driving traffic');
      const traffic = await driveTraffic({
        url: stage.url,
        canaries: c,
        adminEmail: ADMIN_EMAIL,
        adminPassword,
        intakeToken,
        pagerDutyWebhookSecret: webhookSecret,
        collectorApiKey: collectorKey,
        fakes,
        rounds: short ? 3 : 40,
        log,
      });
      if (!short) {
        // Errors from the upstream for a while: error logs and error spans from every hop.
        await fetch(`${stage.url(PORTS.demoUpstream)}/_demo/knobs/acme`, {
          method: 'PUT',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ errorRate: 0.5 }),
        });
        await sleep(30_000);
        await fetch(`${stage.url(PORTS.demoUpstream)}/_demo/knobs/acme`, { method: 'DELETE' });
        report.note(
          "Full version: 40 rounds of the request mix, then the demo upstream fails half of acme's requests for 30 s, so every hop writes error logs and error spans.",
        );
      }
      // Log shippers flush every second and the collector's pipeline shortly after.
      await sleep(3_000);
      log('scanning');
      const metrics = await scanMetrics(stage.url, c);
      // Stopped first, so that what the services flush while they shut down is read too.
      const code = await stage.stop();
      const stored = await scanStoredTelemetry(dbUrl.toString(), c, 'drill-shop');
      const scans: SourceScan[] = [
        scanOutput(stage.output(), c),
        stored,
        scanFiles(join(stage.root, '.data'), c),
        metrics,
        scanErrorBodies(traffic.exchanges, c),
      ];

      const secrets = c.all.filter((x) => x.kind === 'secret').length;
      report.record(
        'secrets',
        'secret canaries planted (env, *_FILE, issued by the platform)',
        secrets,
        count,
      );
      report.record(
        'pii',
        'PII canaries sent in traffic (e-mails, IPs, card)',
        c.all.length - secrets,
        count,
      );
      report.record('requests', 'requests sent by the drill', traffic.exchanges.length, count);
      const reached: Array<[string, string]> = [
        ['logins ok', 'logins that succeeded'],
        ['logins locked out', 'logins refused by the lockout'],
        ['gateway 200', 'gateway requests that reached the upstream (200)'],
        ['otlp accepted', 'OTLP exports with PII accepted by the collector'],
        ['alerts accepted', 'alerts accepted by the intake'],
        ['e-mails delivered', 'alert e-mails delivered after the refused first try'],
      ];
      for (const [key, name] of reached) report.check(key, name, traffic.counts[key] ?? 0, { min: 1 }, count);
      // The other counts only describe the traffic (answers by status, requests the fakes got).
      for (const [k, v] of Object.entries(traffic.counts).sort())
        if (!reached.some(([key]) => key === k)) report.record(`traffic.${k}`, k, v, count);
      report.check(
        'storedMarker',
        "stored rows of the drill's own OTLP records",
        stored.markerRows,
        { min: 2 },
        count,
      );
      report.check('metricsPages', '/metrics pages read', metrics.items, { min: 6 }, count);
      report.record('launcherExit', 'launcher exit code after Ctrl-C', code ?? -1);
      let total = 0;
      for (const s of scans) {
        const unknown = s.findings.filter((f) => !f.known).length;
        report.record(
          `read.${s.key}`,
          `read: ${s.source}`,
          s.items,
          (v) => `${count(v)} (${(s.bytes / 1e6).toFixed(1)} MB)`,
        );
        report.check(`found.${s.key}`, `canaries found in ${s.source}`, unknown, { max: 0 }, count);
        total += unknown;
      }
      report.values.findings = total;
      const known = scans.flatMap((s) => s.findings.filter((f) => f.known));
      report.record(
        'knownLeaks',
        'known gaps, reported without failing the drill, found in (places; see Findings)',
        known.length,
        count,
      );
      report.note(
        `Platform started by the launcher (PORT_OFFSET ${SECRETS_SCAN_OFFSET}, LOG_LEVEL=debug, ECHO_ACCESS_LOGS=true, DATABASE_URL on the machine's PostgreSQL, ` +
          `in-process limiter), secrets through *_FILE and the launcher's secrets.json; canary run id ${c.id}. ` +
          `Canaries: ${c.all.map((x) => x.name).join('; ')}.`,
      );
      report.note(`Metrics pages read: ${metrics.pages.join(', ')}.`);
      const findings = scans.flatMap((s) => s.findings);
      const shown = new Set<string>();
      for (const f of findings) {
        const key = `${f.canary} @ ${f.where.replace(/, (line|row) \d+$/, '')}`;
        if (shown.has(key)) continue;
        shown.add(key);
        report.note(
          `${f.known ? 'Known gap' : 'FOUND'}: ${f.kind} "${f.canary}" in ${f.where}: …${f.excerpt.replace(/\s+/g, ' ')}…`,
        );
        if (shown.size >= 25) break;
      }
      return report;
    } finally {
      report.finishedAt = new Date();
      await cleanup.closeAll();
    }
  },
};

async function firstListening(ports: readonly number[]): Promise<number | undefined> {
  for (const port of ports) {
    const open = await new Promise<boolean>((resolve) => {
      const s = createConnection({ host: '127.0.0.1', port });
      s.once('connect', () => {
        s.destroy();
        resolve(true);
      });
      s.once('error', () => resolve(false));
    });
    if (open) return port;
  }
  return undefined;
}
