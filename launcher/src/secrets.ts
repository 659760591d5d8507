import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** LocalSecrets are generated once per data directory and kept in it with mode 0600. */
export interface LocalSecrets {
  internalToken: string;
  adminPassword: string;
}

/** loadOrCreateSecrets returns the data directory's secrets, creating them on first start. */
export function loadOrCreateSecrets(dataDir: string): LocalSecrets {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, 'secrets.json');
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as LocalSecrets;
  const secrets: LocalSecrets = {
    internalToken: randomBytes(24).toString('base64url'),
    adminPassword: randomBytes(9).toString('base64url'),
  };
  writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}
