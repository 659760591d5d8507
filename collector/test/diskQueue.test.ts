import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { backoffDelay } from '../src/exporters/queue/backoffDelay';
import type { DropReason, SignalCounts } from '../src/exporters/queue/DiskQueue';
import { DiskQueue } from '../src/exporters/queue/DiskQueue';

const spans = (n: number): SignalCounts => ({ spans: n, logs: 0, metrics: 0 });

describe('DiskQueue', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'sl-queue-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('replays every unacknowledged frame, in order, after being reopened', async () => {
    const drops: DropReason[] = [];
    const options = {
      maxBytes: 1024 * 1024,
      segmentBytes: 200,
      onDrop: (_c: SignalCounts, r: DropReason) => drops.push(r),
    };
    const q1 = await DiskQueue.open(dir, options);
    for (let i = 0; i < 10; i++) await q1.append(Buffer.from(`batch-${i}-${'x'.repeat(50)}`), spans(1));
    await q1.ack(q1.peek(3));
    await q1.close();

    const q2 = await DiskQueue.open(dir, options);
    expect(q2.depth).toBe(7);
    const frames = q2.peek(100);
    const payloads = await Promise.all(frames.map(async (f) => (await q2.read(f))!.toString().split('-')[1]));
    expect(payloads).toEqual(['3', '4', '5', '6', '7', '8', '9']);
    await q2.ack(frames);
    expect(q2.depth).toBe(0);
    await q2.close();
    expect(drops).toEqual([]);
    // Fully delivered segments are deleted; at most the last (active) one stays.
    expect(readdirSync(dir).filter((f) => f.endsWith('.q')).length).toBeLessThanOrEqual(1);
  });

  it('stays within its disk bound by dropping the oldest segments, and counts every dropped record', async () => {
    let dropped = 0;
    const q = await DiskQueue.open(dir, {
      maxBytes: 2000,
      segmentBytes: 500,
      onDrop: (c) => {
        dropped += c.spans;
      },
    });
    for (let i = 0; i < 40; i++) await q.append(Buffer.from(`batch-${i}-${'y'.repeat(80)}`), spans(2));
    expect(q.bytes).toBeLessThanOrEqual(2000);
    expect(dropped + q.depth).toBe(80);
    expect(dropped).toBeGreaterThan(0);
    const first = (await q.read(q.peek(1)[0]!))!.toString();
    expect(Number(first.split('-')[1])).toBeGreaterThan(0);
    await q.close();
  });
});

describe('backoffDelay', () => {
  it('draws full jitter under an exponentially growing ceiling, capped, and never below Retry-After', () => {
    const opts = { initialMs: 100, maxMs: 1000 };
    expect(backoffDelay(0, opts, undefined, () => 0.999)).toBe(99);
    expect(backoffDelay(3, opts, undefined, () => 0.5)).toBe(400);
    expect(backoffDelay(20, opts, undefined, () => 0.999)).toBe(999);
    expect(backoffDelay(0, opts, undefined, () => 0)).toBe(0);
    expect(backoffDelay(0, opts, 5000, () => 0.5)).toBe(5000);
  });
});
