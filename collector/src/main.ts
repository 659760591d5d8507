import { runMain } from '@sightline/config';
import { loadCollectorConfig } from './config';
import { startCollector } from './startCollector';

runMain('collector', async () => {
  const handle = await startCollector(loadCollectorConfig());
  const stop = (): void => {
    // A final rollup flush happens inside close(), so deltas in memory are not lost on a clean stop.
    handle.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
});
