// CDK entry point (cdk.json "app"): `npx cdk synth -c env=prod`.
import { App } from 'aws-cdk-lib';
import { buildSightlineApp } from './buildSightlineApp';

const app = new App();
buildSightlineApp(app);
app.synth();
