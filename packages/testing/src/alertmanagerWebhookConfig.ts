/** AlertmanagerWebhookOptions describe the one webhook receiver everything is routed to. */
export interface AlertmanagerWebhookOptions {
  url: string;
  /** bearerToken, when given, is sent as `Authorization: Bearer <token>` on every post. */
  bearerToken?: string;
  /** groupWait, groupInterval and repeatInterval are Alertmanager durations; 1s, 1s and 1h by default. */
  groupWait?: string;
  groupInterval?: string;
  repeatInterval?: string;
  /** groupBy defaults to ['alertname']; ['...'] turns grouping off. */
  groupBy?: string[];
  /** receiver names the receiver (it shows up as `receiver` in the payload); 'webhook' by default. */
  receiver?: string;
}

/** AlertmanagerWebhookConfig is the alertmanager.yml that alertmanagerWebhookConfig builds. */
export interface AlertmanagerWebhookConfig {
  route: {
    receiver: string;
    group_by: string[];
    group_wait: string;
    group_interval: string;
    repeat_interval: string;
  };
  receivers: {
    name: string;
    webhook_configs: {
      url: string;
      send_resolved: boolean;
      http_config?: { authorization: { type: 'Bearer'; credentials: string } };
    }[];
  }[];
}

/**
 * alertmanagerWebhookConfig returns a minimal alertmanager.yml that sends every alert, firing and resolved, to
 * one webhook, with test-speed grouping timers.
 */
export function alertmanagerWebhookConfig(o: AlertmanagerWebhookOptions): AlertmanagerWebhookConfig {
  const receiver = o.receiver ?? 'webhook';
  return {
    route: {
      receiver,
      group_by: o.groupBy ?? ['alertname'],
      group_wait: o.groupWait ?? '1s',
      group_interval: o.groupInterval ?? '1s',
      repeat_interval: o.repeatInterval ?? '1h',
    },
    receivers: [
      {
        name: receiver,
        webhook_configs: [
          {
            url: o.url,
            send_resolved: true,
            ...(o.bearerToken !== undefined
              ? { http_config: { authorization: { type: 'Bearer', credentials: o.bearerToken } } }
              : {}),
          },
        ],
      },
    ],
  };
}
