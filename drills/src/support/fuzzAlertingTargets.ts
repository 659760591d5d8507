import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { fuzzAuthHeader } from './fuzzAuthHeader';
import { fuzzBody } from './fuzzBody';
import { fuzzMutate } from './fuzzMutate';
import { fuzzPast } from './fuzzPast';
import type { FuzzStage } from './fuzzStage';
import type { FuzzTarget } from './fuzzTarget';

const labels = fc.record(
  {
    alertname: fc.constantFrom('HighErrorRate', 'SloBurnFast', 'TargetDown', 'DiskFull'),
    severity: fc.constantFrom('critical', 'warning', 'info', 'page'),
    tenant: fc.constantFrom('acme', 'globex', 'initech'),
    service: fc.constantFrom('gateway', 'checkout', 'api'),
    instance: fc.string({ maxLength: 30 }),
  },
  { requiredKeys: ['alertname'] },
);
const annotations = fc.record(
  {
    summary: fc.string({ maxLength: 80 }),
    description: fc.string({ maxLength: 200 }),
    runbook_url: fc.webUrl(),
  },
  { requiredKeys: [] },
);
const future = fc
  .integer({ min: 60_000, max: 86_400_000 })
  .map((d) => new Date(Date.now() + d).toISOString());

const postableAlerts = fc.array(
  fc.record(
    {
      labels,
      annotations,
      startsAt: fuzzPast(3_600_000, 0),
      endsAt: fc.oneof(future, fuzzPast(60_000, 0)),
      generatorURL: fc.constant('http://127.0.0.1:9090/graph?g0.expr=up'),
    },
    { requiredKeys: ['labels'] },
  ),
  { minLength: 1, maxLength: 5 },
);

const webhook = fc.record({
  version: fc.constant('4'),
  groupKey: fc.string({ maxLength: 60 }).map((s) => `{}:{alertname="${s}"}`),
  truncatedAlerts: fc.nat(3),
  status: fc.constantFrom('firing', 'resolved'),
  receiver: fc.constantFrom('sightline', 'default'),
  groupLabels: fc.record({ alertname: fc.constantFrom('HighErrorRate', 'TargetDown') }),
  commonLabels: labels,
  commonAnnotations: annotations,
  externalURL: fc.constant('http://127.0.0.1:9093'),
  alerts: fc.array(
    fc.record({
      status: fc.constantFrom('firing', 'resolved'),
      labels,
      annotations,
      startsAt: fuzzPast(3_600_000, 0),
      endsAt: fc.oneof(fc.constant('0001-01-01T00:00:00Z'), future, fuzzPast(60_000, 0)),
      generatorURL: fc.constant('http://127.0.0.1:9090/graph'),
      fingerprint: fc.uint8Array({ minLength: 8, maxLength: 8 }).map((b) => Buffer.from(b).toString('hex')),
    }),
    { minLength: 1, maxLength: 5 },
  ),
});

const pagerDutyEvent = fc.record({
  event: fc.record({
    id: fc.string({ minLength: 1, maxLength: 26 }),
    event_type: fc.constantFrom(
      'incident.acknowledged',
      'incident.resolved',
      'incident.triggered',
      'pagey.ping',
      'service.updated',
    ),
    resource_type: fc.constantFrom('incident', 'service', 'pagey'),
    occurred_at: fuzzPast(3_600_000, 0),
    agent: fc.oneof(
      fc.constant(null),
      fc.record({
        id: fc.string({ maxLength: 8 }),
        summary: fc.string({ maxLength: 30 }),
        type: fc.constant('user_reference'),
      }),
    ),
    client: fc.constant(null),
    data: fc.record({
      id: fc.string({ minLength: 1, maxLength: 8 }),
      type: fc.constantFrom('incident', 'service'),
      incident_key: fc.oneof(
        fc.constant(null),
        fc.string({ maxLength: 40 }),
        fc.uint8Array({ minLength: 16, maxLength: 16 }).map((b) => Buffer.from(b).toString('hex')),
      ),
      title: fc.string({ maxLength: 40 }),
    }),
  }),
});

/** signature is the X-PagerDuty-Signature a delivery carries: mostly the right one, sometimes wrong, odd or absent. */
function signature(secret: string): fc.Arbitrary<(body: Buffer) => string | undefined> {
  const sign = (body: Buffer) => `v1=${createHmac('sha256', secret).update(body).digest('hex')}`;
  return fc.oneof(
    { arbitrary: fc.constant(sign), weight: 10 },
    { arbitrary: fc.constant((b: Buffer) => `v1=${'0'.repeat(64)},${sign(b)}`), weight: 1 },
    {
      arbitrary: fc
        .constantFrom(undefined, '', 'v1=', 'v0=abc', `v1=${'g'.repeat(64)}`, `${'v1=00,'.repeat(50)}v1=00`)
        .map((s) => () => s),
      weight: 2,
    },
    { arbitrary: fc.constant((b: Buffer) => sign(b).toUpperCase()), weight: 1 },
  );
}

/** fuzzAlertingTargets are alerting's intakes: Prometheus' /api/v2/alerts, Alertmanager's webhook and PagerDuty's. */
export function fuzzAlertingTargets(stage: FuzzStage): FuzzTarget[] {
  const token = fuzzAuthHeader(stage.internalToken);
  const json = (
    path: string,
    template: fc.Arbitrary<unknown>,
  ): fc.Arbitrary<{ method: string; path: string; headers: Record<string, string>; body: Buffer }> =>
    fc
      .tuple(fuzzBody(fuzzMutate(template)), token)
      .map(([b, auth]) => ({ method: 'POST', path, headers: { ...b.headers, ...auth }, body: b.body }));
  return [
    {
      name: 'alerting POST /api/v2/alerts (Prometheus)',
      service: 'alerting',
      requests: json('/api/v2/alerts', postableAlerts),
    },
    {
      name: 'alerting POST /api/v1/alertmanager (webhook)',
      service: 'alerting',
      requests: json('/api/v1/alertmanager', webhook),
    },
    {
      name: 'alerting POST /api/v1/pagerduty (signed webhook)',
      service: 'alerting',
      requests: fc
        .tuple(fuzzBody(fuzzMutate(pagerDutyEvent)), signature(stage.pagerDutySecret))
        .map(([b, sign]) => {
          const sig = sign(b.body);
          return {
            method: 'POST',
            path: '/api/v1/pagerduty',
            headers: { ...b.headers, ...(sig === undefined ? {} : { 'x-pagerduty-signature': sig }) },
            body: b.body,
          };
        }),
    },
  ];
}
