import type { Notification, NotifyAction } from '../../src/notify/Notifier';

/** sampleNotification is a realistic notification of a firing two-alert group, with overrides. */
export function sampleNotification(overrides: Partial<Notification> = {}): Notification {
  return {
    id: 'outbox-42',
    action: 'trigger',
    dedupKey: 'acme/HighErrorRate/3f1c9a',
    severity: 'page',
    title: 'High error rate on checkout (acme)',
    tenant: 'acme',
    groupLabels: { alertname: 'HighErrorRate', tenant: 'acme', service: 'checkout' },
    alerts: [
      {
        status: 'firing',
        labels: {
          alertname: 'HighErrorRate',
          tenant: 'acme',
          service: 'checkout',
          instance: 'checkout-1:8080',
        },
        annotations: {
          summary: '5xx ratio 12% over 5m',
          runbook_url: 'https://runbooks.example.com/high-error-rate',
        },
        startsAt: '2026-01-10T12:00:00.000Z',
        endsAt: null,
        generatorUrl: 'http://prometheus.local/graph?g0.expr=rate',
      },
      {
        status: 'firing',
        labels: {
          alertname: 'HighErrorRate',
          tenant: 'acme',
          service: 'checkout',
          instance: 'checkout-2:8080',
        },
        annotations: { summary: '5xx ratio 9% over 5m' },
        startsAt: '2026-01-10T12:01:00.000Z',
        endsAt: null,
        generatorUrl: null,
      },
    ],
    consoleUrl: 'https://console.sightline.example/alerts/groups/3f1c9a',
    runbookUrl: 'https://runbooks.example.com/high-error-rate',
    escalation: { policy: 'checkout-oncall', step: 1, pass: 0 },
    occurredAt: '2026-01-10T12:02:00.000Z',
    ...overrides,
  };
}

/** withAction is the same notification for a later action of the group's life. */
export function withAction(notification: Notification, action: NotifyAction, id: string): Notification {
  return { ...notification, action, id };
}
