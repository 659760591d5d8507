import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { startPrometheus, waitFor } from '../src';

const root = resolve(__dirname, '../../..');

/** alive says whether pid is a process that has not exited; a zombie awaiting its reaper has exited. */
function alive(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

/** runCrashing runs support/crashWithPrometheus.ts in its own Node process and returns what it printed. */
function runCrashing(mode: 'crash' | 'signal'): Promise<{ pid: number; dir: string }> {
  return new Promise((done, fail) => {
    execFile(
      process.execPath,
      ['scripts/run-ts.mjs', 'packages/testing/test/support/crashWithPrometheus.ts', mode],
      { cwd: root, timeout: 25_000 },
      (_err, stdout, stderr) => {
        const line = stdout.split('\n').find((l) => l.startsWith('{'));
        if (line) done(JSON.parse(line) as { pid: number; dir: string });
        else fail(new Error(`the crashing process printed no pid:\n${stdout}\n${stderr}`));
      },
    );
  });
}

describe('startPrometheus', () => {
  it('rejects a config Prometheus cannot load with a PrometheusStartError quoting Prometheus', async () => {
    const started = startPrometheus({ extraConfig: { global: { scrape_interval: 'soon' } } });

    await expect(started).rejects.toMatchObject({
      name: 'PrometheusStartError',
      message: expect.stringMatching(
        /exited with code \d+ before it was ready[\s\S]*not a valid duration string: \\"soon\\"/,
      ),
    });
  });

  it('rejects a rule file that does not parse with a PrometheusStartError naming the rule and the parse error', async () => {
    const rules = 'groups:\n  - name: broken\n    rules:\n      - alert: Broken\n        expr: "vector(("\n';

    await expect(startPrometheus({ rules })).rejects.toMatchObject({
      name: 'PrometheusStartError',
      message: expect.stringMatching(
        /group \\"broken\\", rule 1, \\"Broken\\": could not parse expression.*unclosed left parenthesis/,
      ),
    });
  });

  it('says the binary is missing instead of timing out when it cannot be run', async () => {
    const started = startPrometheus({ binary: '/nonexistent/prometheus', startTimeoutMs: 10_000 });

    await expect(started).rejects.toMatchObject({
      name: 'PrometheusStartError',
      message: expect.stringMatching(/\/nonexistent\/prometheus is not on PATH/),
    });
  });

  it('stops Prometheus, frees its port and removes its temp dir on stop', async () => {
    const prometheus = await startPrometheus();
    expect(existsSync(join(prometheus.dir, 'prometheus.yml'))).toBe(true);
    expect(prometheus.logs()).toMatch(/Server is ready to receive web requests/);

    await prometheus.stop();

    expect(alive(prometheus.pid)).toBe(false);
    expect(existsSync(prometheus.dir)).toBe(false);
    await expect(fetch(`${prometheus.url}/-/ready`)).rejects.toThrow();
  });

  it.each(['crash', 'signal'] as const)(
    'leaves no Prometheus process or temp dir behind when the test process dies (%s)',
    async (mode) => {
      const { pid, dir } = await runCrashing(mode);

      await waitFor(() => !alive(pid) && !existsSync(dir), 5_000, 50);
      expect(alive(pid)).toBe(false);
      expect(existsSync(dir)).toBe(false);
    },
  );
});
