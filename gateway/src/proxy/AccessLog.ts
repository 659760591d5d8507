import type { Context, Span } from '@opentelemetry/api';
import { ROOT_CONTEXT, TraceFlags, context, createContextKey, isSpanContextValid } from '@opentelemetry/api';
import type { Logger } from 'pino';
import pino from 'pino';
import { redactText } from '@sightline/telemetry';

/** AccessEntry is one answered request, as the access log records it. */
export interface AccessEntry {
  status: number;
  durationMs: number;
  method: string | undefined;
  route: string;
  requestId: string | undefined;
  /** The request's SERVER span, whose ids the line carries (as the logger's mixin would from the active context). */
  span: Span;
  tenant: string | undefined;
  /** The request's context (its span and tenant), for a logger that reads them through its mixin. */
  ctx: Context;
}

const INFO = 30;
const MSG = 'request completed';

/**
 * AccessLogMode chooses the requests the access log writes a line for (ACCESS_LOG, ADR 0015): every one, or
 * `sampled`: every request answered 4xx or 5xx or slow, and of the rest those whose trace was kept, so that each
 * line of a success links to a trace; or none.
 */
export type AccessLogMode = 'all' | 'sampled' | 'off';

/** AccessLogOptions say which requests get a line. */
export interface AccessLogOptions {
  mode: AccessLogMode;
  /** With tracing off there is no trace verdict: `sampled` then keeps this share of the other requests at random. */
  sampleRatio: number;
  /** A request that took at least this long always gets a line in `sampled` mode (0: no such rule). */
  keepSlowMs: number;
  /** The random draw, for tests. */
  random?: () => number;
}

type PinoInternals = Logger & Record<symbol, unknown>;
interface MetadataStream {
  write(line: string): void;
  lastLevel?: number;
  lastObj?: object;
  lastMsg?: string;
  lastTime?: string;
  lastLogger?: Logger;
}

/**
 * AccessLog writes one `request completed` info line per request through the logger's own destination: the same
 * JSON a `logger.info` inside the request's context produces (level, time, bindings, trace_id, span_id, tenant_id,
 * then the fields), built directly, because pino's generic path (mixin, redaction walk, key loop) and the context
 * switch around it cost more than the rest of the request's telemetry on the hot path. A logger configured in a
 * way this shortcut does not reproduce (no createLogger mixin, a log formatter, write hook or message prefix) gets
 * plain `logger.info`.
 */
export class AccessLog {
  private readonly fast: boolean;
  /** Whether a context manager propagates contexts, i.e. whether the logger's mixin would see the request's. */
  private readonly propagates: boolean;

  private readonly sampled: boolean;
  private readonly sampleRatio: number;
  private readonly keepSlowMs: number;
  private readonly random: () => number;

  constructor(
    private readonly logger: Logger,
    options: AccessLogOptions = { mode: 'all', sampleRatio: 1, keepSlowMs: 0 },
  ) {
    if (options.mode === 'off') throw new Error('an AccessLog in mode off writes nothing: do not create one');
    this.sampled = options.mode === 'sampled';
    this.sampleRatio = options.sampleRatio;
    this.keepSlowMs = options.keepSlowMs;
    this.random = options.random ?? Math.random;
    const l = logger as PinoInternals;
    const s = pino.symbols;
    const formatters = l[s.formattersSym] as { log?: unknown } | undefined;
    const hooks = l[s.hooksSym] as { streamWrite?: unknown } | undefined;
    this.fast =
      typeof (l[s.lsCacheSym] as Record<number, string> | undefined)?.[INFO] === 'string' &&
      typeof l[s.timeSym] === 'function' &&
      typeof l[s.mixinSym] === 'function' &&
      typeof l[s.chindingsSym] === 'string' &&
      l[s.messageKeySym] === 'msg' &&
      !l[(s as unknown as Record<string, symbol>).msgPrefixSym!] &&
      !formatters?.log &&
      !hooks?.streamWrite &&
      typeof (l[s.streamSym] as MetadataStream | undefined)?.write === 'function';
    const probe = ROOT_CONTEXT.setValue(createContextKey('sightline.accessLog.probe'), true);
    this.propagates = context.with(probe, () => context.active() === probe);
  }

  /**
   * record logs one answered request. The path goes through the same redaction as the collector's (an e-mail address
   * or a card number in a URL, an IP), since this line also reaches the process's own output, which the collector
   * never sees.
   */
  record(e: AccessEntry): void {
    if (this.sampled && !this.logs(e)) return;
    if (!this.logger.isLevelEnabled('info')) return;
    const route = redactText(e.route);
    if (!this.fast) {
      context.with(e.ctx, () =>
        this.logger.info(
          {
            status: e.status,
            durationMs: e.durationMs,
            method: e.method,
            route,
            requestId: e.requestId,
          },
          MSG,
        ),
      );
      return;
    }
    const l = this.logger as PinoInternals;
    const s = pino.symbols;
    const time = (l[s.timeSym] as () => string)();
    let ids = '';
    if (this.propagates) {
      const sc = e.span.spanContext();
      // As the logger's mixin: the ids of a sampled span only, so the line never links to a trace that was not kept.
      if ((sc.traceFlags & TraceFlags.SAMPLED) !== 0)
        ids = `,"trace_id":"${sc.traceId}","span_id":"${sc.spanId}"`;
      if (e.tenant !== undefined) ids += `,"tenant_id":${JSON.stringify(e.tenant)}`;
    }
    const line =
      (l[s.lsCacheSym] as Record<number, string>)[INFO]! +
      time +
      (l[s.chindingsSym] as string) +
      ids +
      `,"status":${e.status},"durationMs":${e.durationMs}` +
      (e.method === undefined ? '' : `,"method":${JSON.stringify(e.method)}`) +
      `,"route":${JSON.stringify(route)}` +
      (e.requestId === undefined ? '' : `,"requestId":${JSON.stringify(e.requestId)}`) +
      `,"msg":"${MSG}"}\n`;
    const stream = l[s.streamSym] as MetadataStream & Record<symbol, unknown>;
    if (stream[s.needsMetadataGsym] === true) {
      // A multistream routes by the level of the line it is handed, which pino's write sets just before.
      stream.lastLevel = INFO;
      stream.lastMsg = MSG;
      stream.lastTime = time.slice(l[s.timeSliceIndexSym] as number);
      stream.lastObj = { status: e.status, route };
      stream.lastLogger = this.logger;
    }
    stream.write(line);
  }

  /** logs says whether `sampled` mode writes a line for this request (after its span ended with its verdict). */
  private logs(e: AccessEntry): boolean {
    if (e.status >= 400) return true;
    if (this.keepSlowMs > 0 && e.durationMs >= this.keepSlowMs) return true;
    const sc = e.span.spanContext();
    if (isSpanContextValid(sc)) return (sc.traceFlags & TraceFlags.SAMPLED) !== 0;
    return this.random() < this.sampleRatio;
  }
}
