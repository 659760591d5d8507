export { createTestDatabase, adminUrl } from './createTestDatabase';
export type { TestDatabase } from './createTestDatabase';
export { redisTestPrefix, redisUrl } from './redisTestPrefix';
export { freePort } from './freePort';
export { waitFor } from './waitFor';
export { startRedisServer, RedisServerStartError, spawnRedis, waitForPing } from './startRedisServer';
export type { RedisServer, RedisServerOptions, RedisTlsFiles, PingOptions } from './startRedisServer';
export { startRedisCluster, RedisClusterStartError } from './startRedisCluster';
export type { RedisCluster, RedisClusterOptions } from './startRedisCluster';
export { makeTestCertificates } from './makeTestCertificates';
export type { TestCertificates } from './makeTestCertificates';
export { TestIssuer, tamper } from './TestIssuer';
export type { TokenOptions } from './TestIssuer';
export { startPrometheus, PrometheusStartError, PrometheusApiError } from './startPrometheus';
export type { Prometheus, PrometheusOptions, PrometheusSample, PrometheusAlert } from './startPrometheus';
export { prometheusConfig } from './prometheusConfig';
export type { PrometheusConfigOptions, PrometheusScrapeTarget } from './prometheusConfig';
export { startAlertmanager, AlertmanagerStartError, AlertmanagerApiError } from './startAlertmanager';
export type { Alertmanager, AlertmanagerOptions, AlertmanagerAlert } from './startAlertmanager';
export { alertmanagerWebhookConfig } from './alertmanagerWebhookConfig';
export type { AlertmanagerWebhookConfig, AlertmanagerWebhookOptions } from './alertmanagerWebhookConfig';
export { FakeSmtp } from './FakeSmtp';
export type { ReceivedMail, SmtpRejection, SmtpStage, SmtpViolation } from './FakeSmtp';
export { registerExitCleanup } from './registerExitCleanup';
export { registeredRoutes } from './registeredRoutes';
export {
  OWN_TENANT,
  OTHER_TENANT,
  MATRIX_ROLES,
  UNKNOWN_SIGNER_KEY,
  PROBLEM_JSON,
  aimedRow,
  sameRow,
  matrixTokenKey,
  matrixColumns,
  signMatrixTokens,
  routeOf,
  parseCells,
  matrixShapeProblems,
  tenantMarks,
  cellOutcome,
  rowMismatches,
} from './authorizationMatrix';
export type {
  MatrixTable,
  MatrixRequest,
  MatrixRow,
  AimedRowOptions,
  SameRowOptions,
  MatrixColumn,
  MatrixShape,
  MatrixAnswer,
  TenantMarks,
} from './authorizationMatrix';
