import type { Role } from '@sightline/contracts';
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { AuthDatabase } from '../db/AuthDatabase';
import { randomToken, sha256Hex } from '../tokens/randomToken';
import { knownRoles } from '../users/knownRoles';

/** CLIENT_SECRET_PREFIX starts every client secret, so a leaked one is recognisable in a secret scanner. */
export const CLIENT_SECRET_PREFIX = 'slcs_';

/** ClientSummary is a machine client as admins see it; the secret is never part of it. */
export interface ClientSummary {
  id: string;
  clientId: string;
  tenantId: string;
  name: string;
  roles: Role[];
  createdAt: string;
  createdBy: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

/** AuthenticatedClient is a client whose secret matched. */
export interface AuthenticatedClient {
  clientId: string;
  tenantId: string;
  roles: Role[];
}

/** ClientStore keeps OAuth2 machine clients; secrets are 256-bit random and stored only as sha256. */
export class ClientStore {
  constructor(private readonly db: Kysely<AuthDatabase>) {}

  /** create makes a client and returns its secret, which is never retrievable again. */
  async create(
    input: { tenantId: string; name: string; roles: Role[]; createdBy: string },
    db: Kysely<AuthDatabase> = this.db,
  ): Promise<{ client: ClientSummary; clientSecret: string }> {
    const clientId = `slc_${randomBytes(12).toString('hex')}`;
    const clientSecret = randomToken(CLIENT_SECRET_PREFIX);
    const row = await db
      .insertInto('auth.clients')
      .values({
        client_id: clientId,
        tenant_id: input.tenantId,
        name: input.name,
        roles: input.roles,
        secret_hash: sha256Hex(clientSecret),
        created_by: input.createdBy,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return { client: summary(row), clientSecret };
  }

  /** list returns a tenant's clients, newest first, revoked ones included. */
  async list(tenantId: string): Promise<ClientSummary[]> {
    const rows = await this.db
      .selectFrom('auth.clients')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .orderBy('created_at', 'desc')
      .execute();
    return rows.map(summary);
  }

  /** revoke marks a tenant's client revoked; it returns false when the tenant has no such active client. */
  async revoke(tenantId: string, id: string, db: Kysely<AuthDatabase> = this.db): Promise<boolean> {
    const result = await db
      .updateTable('auth.clients')
      .set({ revoked_at: sql<Date>`now()` })
      .where('tenant_id', '=', tenantId)
      .where(sql<boolean>`id::text = ${id}`)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  /** authenticate checks a client's secret in constant time; an unknown or revoked client never matches. */
  async authenticate(clientId: string, secret: string): Promise<AuthenticatedClient | null> {
    const row = await this.db
      .selectFrom('auth.clients')
      .select(['id', 'client_id', 'tenant_id', 'roles', 'secret_hash', 'revoked_at'])
      .where('client_id', '=', clientId)
      .executeTakeFirst();
    const presented = Buffer.from(sha256Hex(secret), 'hex');
    const expected = Buffer.from(row?.secret_hash ?? sha256Hex(''), 'hex');
    const match = timingSafeEqual(presented, expected);
    if (!row || !match || row.revoked_at !== null) return null;
    await this.db
      .updateTable('auth.clients')
      .set({ last_used_at: sql<Date>`now()` })
      .where('id', '=', row.id)
      .where(sql<boolean>`(last_used_at IS NULL OR last_used_at < now() - interval '1 minute')`)
      .execute();
    return { clientId: row.client_id, tenantId: row.tenant_id, roles: knownRoles(row.roles) };
  }

  /** isActive is true when the client exists and is not revoked (checked for tokens on admin routes). */
  async isActive(clientId: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('auth.clients')
      .select('revoked_at')
      .where('client_id', '=', clientId)
      .executeTakeFirst();
    return row !== undefined && row.revoked_at === null;
  }
}

function summary(row: {
  id: string;
  client_id: string;
  tenant_id: string;
  name: string;
  roles: string[];
  created_at: Date;
  created_by: string | null;
  last_used_at: Date | null;
  revoked_at: Date | null;
}): ClientSummary {
  return {
    id: row.id,
    clientId: row.client_id,
    tenantId: row.tenant_id,
    name: row.name,
    roles: knownRoles(row.roles),
    createdAt: row.created_at.toISOString(),
    createdBy: row.created_by,
    lastUsedAt: row.last_used_at?.toISOString() ?? null,
    revokedAt: row.revoked_at?.toISOString() ?? null,
  };
}
