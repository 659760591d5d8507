import {
  alertmanagerWebhookConfig,
  PrometheusApiError,
  startAlertmanager,
  startPrometheus,
  waitFor,
} from '../src';
import type { Alertmanager, Prometheus } from '../src';
import { startFakeWebhook } from './support/fakeWebhook';
import type { FakeWebhook } from './support/fakeWebhook';

// One real Prometheus evaluates an always-true rule every second and sends it to one real Alertmanager, which
// posts to a local webhook: the whole path Sightline's alert intake sits at the end of.
const TOKEN = 'testing-webhook-token-0123456789';
const rules = (expr: string) =>
  [
    'groups:',
    '  - name: sightline-testing',
    '    rules:',
    '      - alert: SightlineTestingAlwaysFiring',
    `        expr: ${JSON.stringify(expr)}`,
    '        labels: { severity: page, team: sre }',
    '        annotations: { summary: fires while the expression returns a sample }',
  ].join('\n');
const LABELS = { alertname: 'SightlineTestingAlwaysFiring', severity: 'page', team: 'sre' };

let hook: FakeWebhook;
let alertmanager: Alertmanager | undefined;
let prometheus: Prometheus | undefined;

beforeAll(async () => {
  hook = await startFakeWebhook();
  alertmanager = await startAlertmanager({
    config: alertmanagerWebhookConfig({
      url: hook.url,
      bearerToken: TOKEN,
      groupWait: '1s',
      groupInterval: '1s',
    }),
  });
  prometheus = await startPrometheus({
    rules: rules('vector(1)'),
    scrapeTargets: [{ job: 'fake', target: hook.target, path: '/custom-metrics' }],
    alertmanagerUrl: alertmanager.url,
  });
}, 25_000);

afterAll(async () => {
  await prometheus?.stop();
  await alertmanager?.stop();
  await hook?.close();
});

describe('a rule in a real Prometheus reaches a webhook through a real Alertmanager', () => {
  it('fires vector(1) within seconds and posts a version 4 firing webhook with its labels and the bearer token', async () => {
    const post = await waitFor(() => hook.posts.find((p) => p.body.status === 'firing'), 15_000, 100);

    expect(post.problems).toEqual([]);
    expect(post.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(post.body.version).toBe('4');
    expect(post.body.receiver).toBe('webhook');
    expect(post.body.groupLabels).toEqual({ alertname: LABELS.alertname });
    expect(post.body.alerts.map((a) => [a.status, a.labels])).toEqual([['firing', LABELS]]);
    expect(post.body.alerts[0]!.annotations.summary).toBe('fires while the expression returns a sample');

    const fromPrometheus = await prometheus!.alerts();
    expect(fromPrometheus.map((a) => [a.state, a.labels])).toEqual([['firing', LABELS]]);
    const fromAlertmanager = await alertmanager!.alerts();
    expect(fromAlertmanager.map((a) => [a.status.state, a.labels, a.receivers])).toEqual([
      ['active', LABELS, [{ name: 'webhook' }]],
    ]);
  }, 20_000);

  it('scrapes a target at the path it is given and answers instant queries about it', async () => {
    const [sample] = await waitFor(async () => {
      const r = await prometheus!.query('sightline_testing_fake_up');
      return r.length ? r : undefined;
    }, 10_000);

    expect(sample!.metric).toEqual({
      __name__: 'sightline_testing_fake_up',
      job: 'fake',
      instance: hook.target,
    });
    expect(sample!.value[1]).toBe('1');
    expect(hook.scrapes).toBeGreaterThan(0);
    expect(await prometheus!.query('scalar(up{job="fake"}) * 2')).toEqual([
      { metric: {}, value: [expect.any(Number), '2'] },
    ]);
  }, 15_000);

  it('posts a resolved webhook once reload replaces the rule with one that matches nothing', async () => {
    await prometheus!.reload(rules('vector(1) == 2'));

    const post = await waitFor(() => hook.posts.find((p) => p.body.status === 'resolved'), 15_000, 100);
    expect(post.problems).toEqual([]);
    expect(post.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(post.body.alerts.map((a) => [a.status, a.labels])).toEqual([['resolved', LABELS]]);
  }, 20_000);

  it('rejects a reload whose rule file does not parse, quoting Prometheus, and keeps evaluating the rules it had', async () => {
    const failedAt = Date.now();

    const err = (await prometheus!.reload(rules('vector((')).catch((e: unknown) => e)) as Error;

    expect(err).toBeInstanceOf(PrometheusApiError);
    expect(err.message).toMatch(
      /reload failed \(500\)[\s\S]*could not parse expression.*unclosed left parenthesis/,
    );
    const evaluated = await waitFor(async () => {
      const res = await fetch(`${prometheus!.url}/api/v1/rules`);
      const body = (await res.json()) as {
        data: { groups: { name: string; rules: { query: string; lastEvaluation: string }[] }[] };
      };
      const [group] = body.data.groups;
      return group && Date.parse(group.rules[0]!.lastEvaluation) > failedAt ? group : undefined;
    }, 5_000);
    expect(evaluated.name).toBe('sightline-testing');
    expect(evaluated.rules.map((r) => r.query)).toEqual(['vector(1) == 2']);
  }, 15_000);
});
