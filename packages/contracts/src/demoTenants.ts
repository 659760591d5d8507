import type { Tier } from './tiers';

/** DemoTenant is a tenant that `npm start` seeds, with the demo API key the traffic generator uses. */
export interface DemoTenant {
  id: string;
  name: string;
  tier: Tier;
  timezone: string;
  /** Demo-only key: seeded by auth when SEED_DEMO is on, never in production. */
  demoApiKey: string;
}

/** DEMO_TENANTS are the three tenants `npm start` seeds, one per tier. */
export const DEMO_TENANTS: readonly DemoTenant[] = [
  {
    id: 'acme',
    name: 'Acme Corp',
    tier: 'enterprise',
    timezone: 'America/New_York',
    demoApiKey: 'sl_demo_acme_8f3c2a91d4e54b7f9a1c',
  },
  {
    id: 'globex',
    name: 'Globex',
    tier: 'pro',
    timezone: 'Europe/Berlin',
    demoApiKey: 'sl_demo_globex_27be6d0c9f1a4e3b8d52',
  },
  {
    id: 'initech',
    name: 'Initech',
    tier: 'free',
    timezone: 'Asia/Tokyo',
    demoApiKey: 'sl_demo_initech_c4a19e7b3d2f4a6c8e01',
  },
];
