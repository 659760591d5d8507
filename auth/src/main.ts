import { runMain } from '@sightline/config';
import { loadAuthConfig } from './config';
import { startAuth } from './startAuth';

// runMain closes the returned handle on SIGINT/SIGTERM.
runMain('auth', () => startAuth(loadAuthConfig()));
