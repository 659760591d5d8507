import { ROOT_CONTEXT, context, createContextKey, trace } from '@opentelemetry/api';
import { SyncContextManager } from '../src/SyncContextManager';
import { createLogger } from '../src/createLogger';
import { withTenant } from '../src/tenantContext';

const KEY = createContextKey('test');
const a = ROOT_CONTEXT.setValue(KEY, 'a');
const b = ROOT_CONTEXT.setValue(KEY, 'b');

describe('SyncContextManager', () => {
  let manager: SyncContextManager;
  beforeEach(() => {
    manager = new SyncContextManager().enable();
  });

  it('makes a context active for the synchronous run of with, nested, and restores the outer one after', () => {
    const seen: unknown[] = [];
    manager.with(a, () => {
      seen.push(manager.active().getValue(KEY));
      manager.with(b, () => seen.push(manager.active().getValue(KEY)));
      seen.push(manager.active().getValue(KEY));
    });
    seen.push(manager.active());
    expect(seen).toEqual(['a', 'b', 'a', ROOT_CONTEXT]);
  });

  it('restores the outer context when the callback throws, and returns what the callback returns', () => {
    expect(() =>
      manager.with(a, () => {
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(manager.active()).toBe(ROOT_CONTEXT);
    expect(manager.with(a, (x: number, y: number) => x + y, undefined, 2, 3)).toBe(5);
  });

  it('does not follow the callback across an await: code after it must pass its context on', async () => {
    const after = await manager.with(a, async () => {
      await Promise.resolve();
      return manager.active().getValue(KEY);
    });
    expect(after).toBeUndefined();
  });

  it('binds a function to a context whenever it is called, and leaves other targets alone', () => {
    const bound = manager.bind(a, () => manager.active().getValue(KEY));
    expect(manager.with(b, bound)).toBe('a');
    const emitter = { on: () => undefined };
    expect(manager.bind(a, emitter)).toBe(emitter);
  });

  it('is inert when disabled', () => {
    manager.disable();
    expect(manager.with(a, () => manager.active())).toBe(ROOT_CONTEXT);
  });

  it("feeds the logger's mixin: a line logged inside with carries the span's trace id and the tenant", () => {
    context.setGlobalContextManager(manager);
    try {
      const lines: string[] = [];
      const logger = createLogger({
        service: 'test',
        level: 'info',
        destination: { write: (l: string) => void lines.push(l) },
      });
      const span = trace.wrapSpanContext({ traceId: 'c'.repeat(32), spanId: 'd'.repeat(16), traceFlags: 1 });
      context.with(withTenant('acme', trace.setSpan(ROOT_CONTEXT, span)), () => logger.info('inside'));
      logger.info('outside');
      expect(lines.map((l) => JSON.parse(l) as Record<string, unknown>)).toEqual([
        expect.objectContaining({ msg: 'inside', trace_id: 'c'.repeat(32), tenant_id: 'acme' }),
        expect.not.objectContaining({ trace_id: expect.anything() }),
      ]);
    } finally {
      context.disable();
    }
  });
});
