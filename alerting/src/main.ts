import { runMain } from '@sightline/config';
import { loadAlertingConfig } from './config';
import { startAlerting } from './startAlerting';

runMain('alerting', async () => startAlerting(loadAlertingConfig()));
