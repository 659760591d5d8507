/** PLATFORM_TENANT is where the collector puts any signal that carries no tenant. */
export const PLATFORM_TENANT = '_platform';

/** PORTS are the default ports of every process `npm start` runs. */
export const PORTS = {
  gateway: 8080,
  gatewayAdmin: 8090,
  auth: 8081,
  collector: 4318,
  alerting: 9095,
  api: 4000,
  dashboard: 3000,
  reports: 9096,
  demoUpstream: 8070,
  embeddedPostgres: 54329,
} as const;
