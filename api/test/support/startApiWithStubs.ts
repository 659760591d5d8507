import { loadApiConfig } from '../../src/config';
import { startApi } from '../../src/startApi';
import type { ApiHandle, ApiTuning } from '../../src/startApi';
import { startAlertingStub } from './AlertingStub';
import type { AlertingStub } from './AlertingStub';
import { startAuthStub } from './AuthStub';
import type { AuthStub } from './AuthStub';
import { startCollectorStub } from './CollectorStub';
import type { CollectorStub } from './CollectorStub';
import { startGatewayAdminStub } from './GatewayAdminStub';
import { startReportsStub } from './ReportsStub';
import type { ReportsStub } from './ReportsStub';
import type { StubServer } from './startStubServer';
import { TestIssuer } from '@sightline/testing';

/** INTERNAL_TOKEN is the shared secret the api and the stubs agree on in tests. */
export const INTERNAL_TOKEN = 'api-test-internal-token-0123456789';

/** CONSOLE_ORIGIN is the console origin tests configure for CORS. */
export const CONSOLE_ORIGIN = 'http://console.test:3000';

/** ApiFixture is an api started in-process against local stubs of auth, collector, gateway admin, alerting and reports. */
export interface ApiFixture {
  api: ApiHandle;
  base: string;
  issuer: TestIssuer;
  auth: AuthStub;
  collector: CollectorStub;
  alerting: AlertingStub;
  gateway: StubServer;
  reports: ReportsStub;
  close(): Promise<void>;
}

/** startApiWithStubs starts the stubs, then the api pointed at them. */
export async function startApiWithStubs(tuning: ApiTuning = {}): Promise<ApiFixture> {
  const issuer = await TestIssuer.create();
  const auth = await startAuthStub(issuer);
  const collector = await startCollectorStub(INTERNAL_TOKEN);
  const gateway = await startGatewayAdminStub(INTERNAL_TOKEN);
  const alerting = await startAlertingStub(INTERNAL_TOKEN);
  const reports = await startReportsStub(INTERNAL_TOKEN);
  const config = loadApiConfig(
    {},
    {
      API_PORT: 0,
      AUTH_URL: auth.url,
      COLLECTOR_URL: collector.url,
      GATEWAY_ADMIN_URL: gateway.url,
      ALERTING_URL: alerting.url,
      REPORTS_URL: reports.url,
      INTERNAL_TOKEN,
      CONSOLE_ORIGINS: CONSOLE_ORIGIN,
      LOG_LEVEL: 'silent',
    },
  );
  let api: ApiHandle;
  try {
    api = await startApi(config, tuning);
  } catch (err) {
    await Promise.all([auth.close(), collector.close(), gateway.close(), alerting.close(), reports.close()]);
    throw err;
  }
  return {
    api,
    base: `http://127.0.0.1:${api.port}`,
    issuer,
    auth,
    collector,
    alerting,
    gateway,
    reports,
    async close() {
      await api.close();
      await Promise.all([
        auth.close(),
        collector.close(),
        gateway.close(),
        alerting.close(),
        reports.close(),
      ]);
    },
  };
}
