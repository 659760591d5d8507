import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describeStartError, redactUrl } from '@sightline/config';
import type { EmbeddedPostgresHandle } from '@sightline/db';
import { startEmbeddedPostgres } from '@sightline/db';
import { loadLauncherConfig } from './config';
import { portsFor, processPlan } from './processPlan';
import { loadOrCreateSecrets } from './secrets';
import { Supervisor } from './Supervisor';
import { waitReady } from './waitReady';

const say = (line: string) => process.stdout.write(`launcher  | ${line}\n`);

async function main(): Promise<void> {
  const config = loadLauncherConfig();
  mkdirSync(config.SIGHTLINE_DATA_DIR, { recursive: true });
  const runTag = createHash('sha256').update(config.SIGHTLINE_DATA_DIR).digest('hex').slice(0, 12);
  const secrets = loadOrCreateSecrets(config.SIGHTLINE_DATA_DIR);
  const ports = portsFor(config.PORT_OFFSET);

  let embedded: EmbeddedPostgresHandle | undefined;
  let databaseUrl = config.DATABASE_URL;
  if (databaseUrl) {
    say(`using PostgreSQL at ${redactUrl(databaseUrl)}`);
  } else {
    const dataDir = join(config.SIGHTLINE_DATA_DIR, 'pg');
    say(
      `DATABASE_URL not set: starting embedded PostgreSQL on 127.0.0.1:${ports.embeddedPostgres} (data in ${dataDir})`,
    );
    embedded = await startEmbeddedPostgres({
      dataDir,
      port: ports.embeddedPostgres,
      database: 'sightline',
      onLog: (line) => {
        if (/FATAL|PANIC|ERROR/.test(line)) say(`postgres: ${line}`);
      },
    });
    databaseUrl = embedded.url;
  }
  if (!config.REDIS_URL) {
    say(
      'REDIS_URL not set: the gateway uses its IN-PROCESS limiter store (one node only; set REDIS_URL for real limits)',
    );
  }

  let shuttingDown = false;
  const supervisor = new Supervisor(
    runTag,
    (name, code) => {
      if (shuttingDown) return;
      say(`${name} exited unexpectedly (code ${code ?? 'signal'}); stopping everything`);
      void shutdown(1);
    },
    config.ECHO_ACCESS_LOGS,
  );

  const shutdown = async (code: number) => {
    if (shuttingDown) return;
    shuttingDown = true;
    say('stopping…');
    await supervisor.stopAll();
    if (embedded) {
      try {
        await embedded.stop();
        say('embedded PostgreSQL stopped');
      } catch (err) {
        say(`embedded PostgreSQL stop: ${describeStartError(err)}`);
      }
    }
    say('stopped');
    process.exit(code);
  };
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));

  const stages = processPlan({
    config,
    databaseUrl,
    internalToken: secrets.internalToken,
    adminPassword: config.ADMIN_PASSWORD ?? secrets.adminPassword,
  });
  const deadline = Date.now() + config.START_TIMEOUT_S * 1000;
  for (const stage of stages) {
    for (const spec of stage) supervisor.start(spec);
    try {
      await Promise.all(
        stage.filter((s) => s.readyUrl).map((s) => waitReady(s.readyUrl!, deadline, () => shuttingDown)),
      );
    } catch (err) {
      if (!shuttingDown) {
        say(`start-up failed: ${describeStartError(err)}`);
        await shutdown(1);
      }
      return;
    }
  }
  say('');
  say(`Sightline is up. Console: http://127.0.0.1:${ports.dashboard}`);
  say(
    `  log in as ${config.ADMIN_EMAIL} / ${config.ADMIN_PASSWORD ? '(ADMIN_PASSWORD)' : secrets.adminPassword}`,
  );
  say(
    `  api http://127.0.0.1:${ports.api}/docs · gateway http://127.0.0.1:${ports.gateway} · knobs http://127.0.0.1:${ports.demoUpstream}/_demo/knobs`,
  );
  say('Press Ctrl-C to stop.');
}

main().catch((err: unknown) => {
  process.stderr.write(`launcher: failed to start: ${describeStartError(err)}\n`);
  process.exit(1);
});
