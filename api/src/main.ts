import { runMain } from '@sightline/config';
import { loadApiConfig } from './config';
import { startApi } from './startApi';

runMain('api', async () => {
  const handle = await startApi(loadApiConfig());
  const stop = () => {
    void handle.close().finally(() => process.exit(0));
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
});
