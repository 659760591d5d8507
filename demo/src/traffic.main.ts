import { runMain } from '@sightline/config';
import { createLogger } from '@sightline/telemetry';
import { formatSummary, runTraffic } from './traffic/runTraffic';
import { loadTrafficConfig } from './trafficConfig';

runMain('demo-traffic', async () => {
  const config = loadTrafficConfig();
  const logger = createLogger({ service: 'demo-traffic', level: config.LOG_LEVEL });
  const stop = new AbortController();
  process.once('SIGTERM', () => stop.abort());
  process.once('SIGINT', () => stop.abort());
  logger.info(
    { gateway: config.GATEWAY_URL, rps: config.DEMO_RPS, durationS: config.DEMO_DURATION_S },
    'traffic started',
  );
  const totals = await runTraffic({
    gatewayUrl: config.GATEWAY_URL,
    rps: config.DEMO_RPS,
    durationS: config.DEMO_DURATION_S,
    signal: stop.signal,
    onSummary: (line, counts) => logger.info({ counts }, `traffic: ${line}`),
  });
  logger.info({ counts: totals }, `traffic stopped: ${formatSummary(totals)}`);
  logger.flush();
});
