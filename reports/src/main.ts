import { runMain } from '@sightline/config';
import { loadReportsConfig } from './config';
import { startReports } from './startReports';

runMain('reports', async () => startReports(loadReportsConfig()));
