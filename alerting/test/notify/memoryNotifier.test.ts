import { MemoryNotifier } from '../../src/notify/memory/MemoryNotifier';
import { sampleNotification } from './sampleNotification';

test('the memory notifier records what it delivers, by dedup key', async () => {
  const memory = new MemoryNotifier();
  expect(await memory.send(sampleNotification())).toEqual({ ok: true, detail: 'recorded' });
  await memory.send(sampleNotification({ dedupKey: 'other', id: 'outbox-2' }));
  expect(memory.delivered.map((n) => n.id)).toEqual(['outbox-42', 'outbox-2']);
  expect(memory.byDedupKey('other').map((n) => n.id)).toEqual(['outbox-2']);
});

test('told to fail N times, it fails exactly N times and then delivers', async () => {
  const memory = new MemoryNotifier({ failTimes: 2, failure: { reason: 'down', retryAfterMs: 1000 } });
  const results = [];
  for (let i = 0; i < 3; i += 1) results.push(await memory.send(sampleNotification()));
  expect(results).toEqual([
    { ok: false, retryable: true, reason: 'down', retryAfterMs: 1000 },
    { ok: false, retryable: true, reason: 'down', retryAfterMs: 1000 },
    { ok: true, detail: 'recorded' },
  ]);
  expect(memory.attempts).toHaveLength(3);
  expect(memory.delivered).toHaveLength(1);

  memory.failNext(1, { retryable: false, reason: 'gone' });
  expect(await memory.send(sampleNotification())).toEqual({ ok: false, retryable: false, reason: 'gone' });
});

test('an aborted send is a retryable failure and is not recorded as delivered', async () => {
  const memory = new MemoryNotifier();
  const controller = new AbortController();
  controller.abort();
  expect(await memory.send(sampleNotification(), controller.signal)).toMatchObject({
    ok: false,
    retryable: true,
  });
  expect(memory.delivered).toEqual([]);
});

test('what was delivered cannot be changed afterwards by the caller', async () => {
  const memory = new MemoryNotifier();
  const notification = sampleNotification();
  await memory.send(notification);
  notification.title = 'changed';
  expect(memory.delivered[0]!.title).toBe('High error rate on checkout (acme)');
});
