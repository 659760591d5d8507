/** Jest: one project per workspace, TypeScript through @swc/jest, tests against real services. */
const fs = require('node:fs');
const path = require('node:path');

const swc = JSON.parse(fs.readFileSync(path.join(__dirname, '.swcrc.jest.json'), 'utf8'));
const services = [
  'gateway',
  'auth',
  'collector',
  'alerting',
  'reports',
  'api',
  'demo',
  'launcher',
  'rules',
  'grafana',
  'dashboard',
  'e2e',
  'helm',
  'infra',
  'delivery',
  'docs',
  'drills',
];
const workspaces = [
  ...fs.readdirSync(path.join(__dirname, 'packages')).map((p) => `packages/${p}`),
  ...services,
];

module.exports = {
  testTimeout: 30000,
  projects: workspaces
    .filter((w) => fs.existsSync(path.join(__dirname, w)))
    .map((w) => ({
      displayName: w.replace('packages/', ''),
      rootDir: path.join(__dirname, w),
      testMatch: ['<rootDir>/**/*.test.ts', '<rootDir>/**/*.test.tsx'],
      testPathIgnorePatterns: ['/node_modules/', '/dist/', '/.next/'],
      // jose is ESM-only; let swc turn it into CommonJS like our own sources.
      transformIgnorePatterns: ['/node_modules/(?!jose/)'],
      transform: { '^.+\\.(t|j)sx?$': ['@swc/jest', { ...swc, swcrc: false }] },
      testEnvironment: w === 'dashboard' ? 'node' : 'node',
      setupFiles: [path.join(__dirname, 'packages/testing/src/jestEnv.ts')],
    })),
};
