import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { ConfigError, loadConfig, port, postgresUrl, bool, redactUrl } from '../src';

const schema = z.object({
  PORT: port(8080),
  DATABASE_URL: postgresUrl().optional(),
  API_SECRET: z.string().min(8).optional(),
  SHADOW: bool(false),
});

describe('loadConfig', () => {
  it('applies defaults when the environment is empty', () => {
    expect(loadConfig(schema, {})).toEqual({ PORT: 8080, SHADOW: false });
  });

  it('lets env override defaults and explicit values override env', () => {
    expect(loadConfig(schema, { PORT: '9000', SHADOW: 'yes' }).PORT).toBe(9000);
    expect(loadConfig(schema, { PORT: '9000' }, { PORT: 9100 }).PORT).toBe(9100);
  });

  it('reads a secret from VAR_FILE and trims the trailing newline', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cfg-'));
    writeFileSync(join(dir, 'secret'), 's3cr3t-value\n');
    expect(loadConfig(schema, { API_SECRET_FILE: join(dir, 'secret') }).API_SECRET).toBe('s3cr3t-value');
  });

  it('names the variable when a secret file cannot be read', () => {
    expect(() => loadConfig(schema, { API_SECRET_FILE: '/nonexistent/x' })).toThrow(/API_SECRET_FILE/);
  });

  it('rejects a malformed DATABASE_URL with an error that names the variable', () => {
    let caught: unknown;
    try {
      loadConfig(schema, { DATABASE_URL: 'mysql://u:hunter2@h/db' });
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    expect((caught as ConfigError).variable).toBe('DATABASE_URL');
    expect((caught as Error).message).not.toContain('hunter2');
  });

  it('rejects an out-of-range port naming PORT', () => {
    expect(() => loadConfig(schema, { PORT: '70000' })).toThrow(/^PORT:/);
  });

  it('redacts passwords from URLs', () => {
    expect(redactUrl('postgres://u:pw@h:5432/db')).toBe('postgres://u:***@h:5432/db');
  });
});
