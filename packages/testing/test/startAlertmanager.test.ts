import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { alertmanagerWebhookConfig, startAlertmanager } from '../src';

/** amtoolCheck runs the Alertmanager package's own config checker on a config and returns its verdict. */
function amtoolCheck(config: object): string {
  const dir = mkdtempSync(join(tmpdir(), 'sl-amtool-'));
  try {
    writeFileSync(join(dir, 'alertmanager.yml'), JSON.stringify(config));
    return execFileSync('amtool', ['check-config', join(dir, 'alertmanager.yml')], { encoding: 'utf8' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('alertmanagerWebhookConfig', () => {
  it('builds a config that amtool accepts, with one webhook receiver that sends resolved alerts too', () => {
    const config = alertmanagerWebhookConfig({ url: 'http://127.0.0.1:1/hook' });

    expect(amtoolCheck(config)).toMatch(/SUCCESS[\s\S]*- 1 receivers/);
    expect(config.receivers[0]!.webhook_configs).toEqual([
      { url: 'http://127.0.0.1:1/hook', send_resolved: true },
    ]);
    expect(config.route).toMatchObject({ receiver: 'webhook', group_by: ['alertname'], group_wait: '1s' });
  });

  it('adds the bearer token as http_config authorization credentials, which amtool accepts', () => {
    const config = alertmanagerWebhookConfig({
      url: 'http://127.0.0.1:1/hook',
      bearerToken: 'secret-token',
      groupBy: ['...'],
      groupWait: '2s',
      groupInterval: '3s',
      repeatInterval: '4h',
      receiver: 'sightline',
    });

    expect(amtoolCheck(config)).toMatch(/SUCCESS/);
    expect(config.receivers[0]!.webhook_configs[0]!.http_config).toEqual({
      authorization: { type: 'Bearer', credentials: 'secret-token' },
    });
    expect(config.route).toEqual({
      receiver: 'sightline',
      group_by: ['...'],
      group_wait: '2s',
      group_interval: '3s',
      repeat_interval: '4h',
    });
  });
});

describe('startAlertmanager', () => {
  it('starts alone from alertmanager.yml given as YAML text and stops cleanly', async () => {
    const yaml = ['route: { receiver: nobody }', 'receivers:', '  - name: nobody'].join('\n');
    const alertmanager = await startAlertmanager({ config: yaml });
    try {
      expect(await alertmanager.alerts()).toEqual([]);
      const status = (await (await fetch(`${alertmanager.url}/api/v2/status`)).json()) as {
        cluster: { status: string };
      };
      expect(status.cluster.status).toBe('disabled');
    } finally {
      await alertmanager.stop();
    }
  });

  it('rejects a config without a default receiver with an AlertmanagerStartError quoting Alertmanager', async () => {
    await expect(startAlertmanager({ config: { route: {} } })).rejects.toMatchObject({
      name: 'AlertmanagerStartError',
      message: expect.stringMatching(/root route must specify a default receiver/),
    });
  });
});
