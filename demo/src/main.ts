import { runMain } from '@sightline/config';
import { loadDemoUpstreamConfig } from './config';
import { startDemoUpstream } from './startDemoUpstream';

runMain('demo', async () => {
  const upstream = await startDemoUpstream(loadDemoUpstreamConfig());
  const stop = () => {
    void upstream.close().then(() => process.exit(0));
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
});
