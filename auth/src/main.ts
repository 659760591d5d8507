import { runMain } from '@sightline/config';
import { loadAuthConfig } from './config';
import { startAuth } from './startAuth';

runMain('auth', async () => {
  const handle = await startAuth(loadAuthConfig());
  const stop = () => {
    void handle.close().finally(() => process.exit(0));
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
});
