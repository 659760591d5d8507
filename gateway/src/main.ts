import { runMain } from '@sightline/config';
import { loadGatewayConfig } from './config';
import { startGateway } from './startGateway';

runMain('gateway', async () => {
  const config = loadGatewayConfig();
  const gateway = await startGateway(config);
  const stop = () => {
    void gateway.close().then(() => process.exit(0));
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
});
