import { PeriodicTask } from '../src/PeriodicTask';

describe('PeriodicTask', () => {
  it('never runs the task twice at once: a run asked for during a slow one joins it', async () => {
    let active = 0;
    let most = 0;
    let runs = 0;
    let release!: () => void;
    const task = new PeriodicTask(async () => {
      runs++;
      active++;
      most = Math.max(most, active);
      await new Promise<void>((r) => (release = r));
      active--;
    }, 60_000);
    const first = task.run();
    const second = task.run();
    expect(second).toBe(first);
    release();
    await first;
    expect(runs).toBe(1);
    expect(most).toBe(1);
  });

  it('runs every interval once started, and once more on stop after the run in progress', async () => {
    const at: number[] = [];
    const task = new PeriodicTask(async () => {
      at.push(Date.now());
      await new Promise((r) => setTimeout(r, 5));
    }, 20);
    task.start();
    task.start();
    while (at.length < 3) await new Promise((r) => setTimeout(r, 10));
    const beforeStop = at.length;
    await task.stop();
    expect(at.length).toBe(beforeStop + 1);
    await new Promise((r) => setTimeout(r, 60));
    expect(at.length).toBe(beforeStop + 1);
  });
});
