import type { MigrationSet } from '@sightline/db';
import { m0001Init } from './migrations/m0001Init';
import { m0002Sessions } from './migrations/m0002Sessions';
import { m0003AuditRedaction } from './migrations/m0003AuditRedaction';

/** authMigrations creates and evolves the `auth` schema. */
export const authMigrations: MigrationSet = {
  '0001_init': m0001Init,
  '0002_sessions': m0002Sessions,
  '0003_audit_redaction': m0003AuditRedaction,
};
