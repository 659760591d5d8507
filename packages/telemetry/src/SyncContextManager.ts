import type { Context, ContextManager } from '@opentelemetry/api';
import { ROOT_CONTEXT } from '@opentelemetry/api';

/**
 * SyncContextManager makes a context active for the synchronous run of `with` only: it does not follow the callback
 * across `await`, timers or I/O. A service that passes its request context explicitly at every asynchronous boundary
 * (the gateway does: `context.with(state.ctx, …)` around each log and span after an await) keeps its log lines and
 * spans stamped without Node's async_hooks, whose promise hooks run on every promise of the process: 10 µs of the
 * gateway's ~85 µs of CPU per request (ADR 0016).
 */
export class SyncContextManager implements ContextManager {
  private current: Context = ROOT_CONTEXT;
  private enabled = false;

  active(): Context {
    return this.current;
  }

  with<A extends unknown[], F extends (...args: A) => ReturnType<F>>(
    ctx: Context,
    fn: F,
    thisArg?: ThisParameterType<F>,
    ...args: A
  ): ReturnType<F> {
    if (!this.enabled) return fn.call(thisArg, ...args);
    const previous = this.current;
    this.current = ctx;
    try {
      return fn.call(thisArg, ...args);
    } finally {
      this.current = previous;
    }
  }

  /** bind makes a function run in ctx whenever it is called; other targets (emitters) are returned as they are. */
  bind<T>(ctx: Context, target: T): T {
    if (typeof target !== 'function') return target;
    const fn = target as unknown as (...args: unknown[]) => unknown;
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const manager = this;
    return function (this: unknown, ...args: unknown[]) {
      return manager.with(ctx, () => fn.apply(this, args));
    } as unknown as T;
  }

  enable(): this {
    this.enabled = true;
    return this;
  }

  disable(): this {
    this.enabled = false;
    this.current = ROOT_CONTEXT;
    return this;
  }
}
