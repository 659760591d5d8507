import type pg from 'pg';
import type { ChannelConfig } from '../notify/ChannelConfig';
import { withTransaction } from '@sightline/db';

/** SeedOptions are the channels the environment provides. */
export interface SeedOptions {
  pagerDutyRoutingKey?: string;
  pagerDutyUrl: string;
  slackWebhookUrl?: string;
}

/**
 * seedDefaults makes a fresh database page without set-up: channels from the environment are kept in step with it
 * on every start, and the first start creates the root route and a `default` policy that notifies them. Nothing an
 * operator created through the API is changed.
 */
export async function seedDefaults(pool: pg.Pool, o: SeedOptions): Promise<void> {
  const envChannels: Array<{ id: string; name: string; config: ChannelConfig }> = [];
  if (o.pagerDutyRoutingKey)
    envChannels.push({
      id: 'env-pagerduty',
      name: 'PagerDuty (PAGERDUTY_ROUTING_KEY)',
      config: { type: 'pagerduty', routingKey: o.pagerDutyRoutingKey, url: o.pagerDutyUrl } as ChannelConfig,
    });
  if (o.slackWebhookUrl)
    envChannels.push({
      id: 'env-slack',
      name: 'Slack (SLACK_WEBHOOK_URL)',
      config: { type: 'slack', webhookUrl: o.slackWebhookUrl } as ChannelConfig,
    });
  await withTransaction(pool, async (client) => {
    // Two replicas starting together seed once.
    await client.query(`SELECT pg_advisory_xact_lock(hashtext('sightline-alerting-seed'))`);
    let changed = false;
    for (const ch of envChannels) {
      const res = await client.query(
        `INSERT INTO alerting.channels (id, name, type, config) VALUES ($1, $2, $3, $4)
         ON CONFLICT (id) DO UPDATE SET config = excluded.config, name = excluded.name, updated_at = now()
         WHERE alerting.channels.config IS DISTINCT FROM excluded.config`,
        [ch.id, ch.name, ch.config.type, JSON.stringify(ch.config)],
      );
      changed ||= (res.rowCount ?? 0) > 0;
    }
    const { rowCount } = await client.query(`SELECT 1 FROM alerting.routes LIMIT 1`);
    if (!rowCount) {
      const steps = envChannels.length
        ? [{ targets: envChannels.map((c) => ({ type: 'channel', id: c.id })), waitMinutes: 15 }]
        : [];
      await client.query(
        `INSERT INTO alerting.escalation_policies (id, name, repeat, steps) VALUES ('default', 'Default', 0, $1)
         ON CONFLICT (id) DO NOTHING`,
        [JSON.stringify(steps)],
      );
      await client.query(
        `INSERT INTO alerting.routes (id, parent_id, name, policy_id) VALUES ('root', NULL, 'Root', 'default')`,
      );
      changed = true;
    }
    if (changed) await client.query(`UPDATE alerting.config_version SET version = version + 1 WHERE id = 1`);
  });
}
