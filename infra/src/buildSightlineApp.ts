import type { App } from 'aws-cdk-lib';
import { configFromContext } from './config/configFromContext';
import { SightlineStack } from './SightlineStack';

/** buildSightlineApp adds the stage named by the `env` context key to the app and returns its stack. */
export function buildSightlineApp(app: App): SightlineStack {
  const config = configFromContext(app.node);
  return new SightlineStack(app, `Sightline-${config.name}`, { config });
}
