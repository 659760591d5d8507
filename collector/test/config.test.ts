import { ConfigError } from '@sightline/config';
import { loadCollectorConfig } from '../src/config';

const REQUIRED = { DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/x', INTERNAL_TOKEN: 'sixteen-chars-ok' };

describe('collector configuration', () => {
  it('applies the documented defaults', () => {
    expect(loadCollectorConfig(REQUIRED)).toEqual({
      ...REQUIRED,
      COLLECTOR_PORT: 4318,
      HOST: '127.0.0.1',
      MAX_BODY_BYTES: 4194304,
      SLI_SERVICES: ['gateway'],
      ROLLUP_FLUSH_MS: 1000,
      LOG_LEVEL: 'info',
    });
  });

  it('splits SLI_SERVICES on commas and trims the names', () => {
    expect(loadCollectorConfig({ ...REQUIRED, SLI_SERVICES: ' gateway, auth ,,' }).SLI_SERVICES).toEqual([
      'gateway',
      'auth',
    ]);
  });

  it.each([
    ['DATABASE_URL', { INTERNAL_TOKEN: REQUIRED.INTERNAL_TOKEN }],
    ['INTERNAL_TOKEN', { DATABASE_URL: REQUIRED.DATABASE_URL }],
    ['INTERNAL_TOKEN', { ...REQUIRED, INTERNAL_TOKEN: 'short' }],
    ['MAX_BODY_BYTES', { ...REQUIRED, MAX_BODY_BYTES: 'lots' }],
  ])('stops with an error naming %s when it is missing or invalid', (variable, env) => {
    expect(() => loadCollectorConfig(env)).toThrow(ConfigError);
    expect(() => loadCollectorConfig(env)).toThrow(new RegExp(`^${variable}:`));
  });
});
