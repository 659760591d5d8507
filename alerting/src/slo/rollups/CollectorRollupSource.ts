import type { RollupSource, RollupWindowsResult } from './RollupSource';
import { RollupWindows } from './RollupWindows';

/** CollectorRollupSourceOptions configures CollectorRollupSource. */
export interface CollectorRollupSourceOptions {
  /** baseUrl is the collector's base URL, e.g. http://127.0.0.1:4318. */
  baseUrl: string;
  internalToken: string;
  timeoutMs: number;
}

/** CollectorRollupSource reads rollup sums from the collector's internal multi-window endpoint. */
export class CollectorRollupSource implements RollupSource {
  private constructor(private readonly options: CollectorRollupSourceOptions) {}

  /** fromConfig builds the source from the collector URL, the shared internal token and a timeout. */
  static fromConfig(options: CollectorRollupSourceOptions): CollectorRollupSource {
    return new CollectorRollupSource({ ...options, baseUrl: options.baseUrl.replace(/\/+$/, '') });
  }

  /** windows fetches every window in one call, so all sums share one instant. */
  async windows(tenant: string, windows: readonly string[]): Promise<RollupWindowsResult> {
    const url = `${this.options.baseUrl}/internal/v1/rollups/${encodeURIComponent(tenant)}/windows?windows=${windows.join(',')}`;
    let res: Response;
    try {
      res = await fetch(url, {
        headers: { authorization: `Bearer ${this.options.internalToken}` },
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
    } catch (err) {
      // The URL is left out of the detail: it may carry credentials.
      const e = err as Error & { cause?: { code?: string } };
      return { kind: 'failure', reason: 'unavailable', detail: e.cause?.code ?? e.name };
    }
    let body: unknown;
    try {
      body = await res.json();
    } catch {
      return { kind: 'failure', reason: 'bad_response', detail: `status ${res.status}, body is not JSON` };
    }
    if (res.status >= 500) return { kind: 'failure', reason: 'unavailable', detail: `status ${res.status}` };
    if (!res.ok) return { kind: 'failure', reason: 'bad_response', detail: `status ${res.status}` };
    const parsed = RollupWindows.safeParse(body);
    if (!parsed.success)
      return { kind: 'failure', reason: 'bad_response', detail: 'body outside the contract' };
    const missing = windows.find((w) => parsed.data.windows[w] === undefined);
    if (missing) return { kind: 'failure', reason: 'bad_response', detail: `window ${missing} missing` };
    return { kind: 'success', rollups: parsed.data };
  }
}
