import { join } from 'node:path';
import { PORTS } from '@sightline/contracts';
import type { LauncherConfig } from './config';
import { repoRoot } from './config';
import type { ProcessSpec } from './Supervisor';

/** PlanInputs are the facts the process plan is built from. */
export interface PlanInputs {
  config: LauncherConfig;
  databaseUrl: string;
  internalToken: string;
  adminPassword: string;
}

/** Ports are the ports of one launch, after PORT_OFFSET. */
export type Ports = { -readonly [K in keyof typeof PORTS]: number };

/** portsFor applies the offset to every default port. */
export function portsFor(offset: number): Ports {
  const out = {} as Ports;
  for (const [k, v] of Object.entries(PORTS)) out[k as keyof Ports] = v + offset;
  return out;
}

const node = process.execPath;
const bundle = (service: string, file = 'main.js') => join(repoRoot, service, 'dist', file);

/**
 * processPlan lists the processes `npm start` runs, in start order, in stages: every process of a stage
 * must be ready before the next stage starts.
 */
export function processPlan(inputs: PlanInputs): ProcessSpec[][] {
  const { config, databaseUrl, internalToken } = inputs;
  const p = portsFor(config.PORT_OFFSET);
  const local = (port: number) => `http://127.0.0.1:${port}`;
  const common = {
    LOG_LEVEL: config.LOG_LEVEL,
    INTERNAL_TOKEN: internalToken,
    OTLP_ENDPOINT: local(p.collector),
  };
  const withDb = { ...common, DATABASE_URL: databaseUrl };
  const svc = (name: string, env: Record<string, string>, readyUrl?: string, file?: string): ProcessSpec => ({
    name,
    command: node,
    args: ['--enable-source-maps', bundle(name === 'upstream' || name === 'traffic' ? 'demo' : name, file)],
    cwd: repoRoot,
    env,
    ...(readyUrl ? { readyUrl } : {}),
  });

  const collector = svc(
    'collector',
    { ...withDb, COLLECTOR_PORT: String(p.collector) },
    `${local(p.collector)}/healthz`,
  );
  const auth = svc(
    'auth',
    {
      ...withDb,
      AUTH_PORT: String(p.auth),
      ADMIN_EMAIL: config.ADMIN_EMAIL,
      ADMIN_PASSWORD: inputs.adminPassword,
      SEED_DEMO: 'true',
      // The api forwards the browser's address; on one machine every hop is loopback.
      TRUSTED_PROXY_CIDRS: '127.0.0.1/32',
    },
    `${local(p.auth)}/healthz`,
  );
  const upstream = svc(
    'upstream',
    { ...common, DEMO_UPSTREAM_PORT: String(p.demoUpstream) },
    `${local(p.demoUpstream)}/_demo/knobs`,
  );
  const gateway = svc(
    'gateway',
    {
      ...withDb,
      GATEWAY_PORT: String(p.gateway),
      GATEWAY_ADMIN_PORT: String(p.gatewayAdmin),
      UPSTREAM_URL: local(p.demoUpstream),
      AUTH_URL: local(p.auth),
      SEED_DEMO: 'true',
      // The demo's traffic is light: trace every request, so every gateway line in the explorer opens its trace.
      TRACE_SAMPLE_RATIO: '1',
      ...(config.REDIS_URL ? { REDIS_URL: config.REDIS_URL } : {}),
    },
    `${local(p.gatewayAdmin)}/healthz`,
  );
  const alerting = svc(
    'alerting',
    {
      ...withDb,
      ALERTING_PORT: String(p.alerting),
      COLLECTOR_URL: local(p.collector),
      AUTH_URL: local(p.auth),
      SLO_SPECS_DIR: join(repoRoot, 'rules', 'slos'),
      CONSOLE_URL: `http://127.0.0.1:${p.dashboard}`,
    },
    `${local(p.alerting)}/healthz`,
  );
  const reports = svc(
    'reports',
    {
      ...withDb,
      REPORTS_PORT: String(p.reports),
      COLLECTOR_URL: local(p.collector),
      ALERTING_URL: local(p.alerting),
      GATEWAY_ADMIN_URL: local(p.gatewayAdmin),
      SLO_SPECS_DIR: join(repoRoot, 'rules', 'slos'),
      CONSOLE_URL: `http://127.0.0.1:${p.dashboard}`,
    },
    `${local(p.reports)}/healthz`,
  );
  const consoleOrigins = [`http://127.0.0.1:${p.dashboard}`, `http://localhost:${p.dashboard}`].join(',');
  const api = svc(
    'api',
    {
      ...common,
      API_PORT: String(p.api),
      AUTH_URL: local(p.auth),
      COLLECTOR_URL: local(p.collector),
      GATEWAY_ADMIN_URL: local(p.gatewayAdmin),
      ALERTING_URL: local(p.alerting),
      REPORTS_URL: local(p.reports),
      CONSOLE_ORIGINS: consoleOrigins,
    },
    `${local(p.api)}/healthz`,
  );
  const dashboard: ProcessSpec = {
    name: 'dashboard',
    command: node,
    args: [
      require.resolve('next/dist/bin/next', { paths: [join(repoRoot, 'dashboard')] }),
      'start',
      '-p',
      String(p.dashboard),
      '-H',
      '127.0.0.1',
    ],
    cwd: join(repoRoot, 'dashboard'),
    env: { API_URL: local(p.api), NEXT_TELEMETRY_DISABLED: '1', NODE_ENV: 'production' },
    readyUrl: `${local(p.dashboard)}/login`,
  };
  const stages: ProcessSpec[][] = [
    [collector, auth, upstream],
    [gateway, alerting, api, reports],
    [dashboard],
  ];
  if (config.DEMO_TRAFFIC) {
    stages.push([
      svc(
        'traffic',
        { GATEWAY_URL: local(p.gateway), DEMO_RPS: String(config.DEMO_RPS) },
        undefined,
        'traffic.main.js',
      ),
    ]);
  }
  return stages;
}
