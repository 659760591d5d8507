import { createHash } from 'node:crypto';
import { TenantId } from '@sightline/contracts';

/** ApiKeyParseError is raised for a COLLECTOR_API_KEYS value that is not `key=tenant[,key=tenant…]`. */
export class ApiKeyParseError extends Error {
  override readonly name = 'ApiKeyParseError';
}

/** ApiKeyTenants maps collector API keys to the tenant each one belongs to. */
export class ApiKeyTenants {
  private constructor(private readonly byDigest: ReadonlyMap<string, string>) {}

  /** parse reads `key=tenant,key2=tenant2`; keys need 8+ characters and tenants must be valid tenant ids. */
  static parse(spec: string): ApiKeyTenants {
    const map = new Map<string, string>();
    for (const entry of spec
      .split(',')
      .map((e) => e.trim())
      .filter((e) => e.length > 0)) {
      const eq = entry.lastIndexOf('=');
      const key = entry.slice(0, eq).trim();
      const tenant = entry.slice(eq + 1).trim();
      if (eq <= 0 || key.length < 8)
        throw new ApiKeyParseError('each entry must be key=tenant with a key of 8+ characters');
      if (!TenantId.safeParse(tenant).success)
        throw new ApiKeyParseError(`"${tenant.slice(0, 64)}" is not a valid tenant id`);
      map.set(digest(key), tenant);
    }
    return new ApiKeyTenants(map);
  }

  /** size is the number of configured keys. */
  get size(): number {
    return this.byDigest.size;
  }

  /** tenantOf returns the key's tenant, or null for an unknown key. */
  tenantOf(key: string): string | null {
    // Looking up a digest keeps the raw key out of memory maps and its comparison independent of prefix matches.
    return this.byDigest.get(digest(key)) ?? null;
  }
}

function digest(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}
