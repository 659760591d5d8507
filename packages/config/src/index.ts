export { ConfigError } from './ConfigError';
export { loadConfig } from './loadConfig';
export type { Env } from './loadConfig';
export { port, bool, url, postgresUrl, redisUrl, logLevel } from './fields';
export { redactUrl } from './redactUrl';
export { runMain, describeStartError } from './runMain';
export type { Closable } from './runMain';
export { ShutdownStack } from './ShutdownStack';
