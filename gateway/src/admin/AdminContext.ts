import type { Kysely } from 'kysely';
import type { GatewayDatabase } from '../db/GatewayDatabase';
import type { LimitConfigStore } from '../limits/LimitConfigStore';
import type { IpMatcher } from '../net/IpMatcher';

/** AdminContext is what every admin route module needs. */
export interface AdminContext {
  db: Kysely<GatewayDatabase>;
  config: LimitConfigStore;
  trustedProxies: IpMatcher;
}
