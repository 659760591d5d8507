import type { z } from 'zod';
import { BadGatewayError, DependencyUnavailableError } from './DependencyUnavailableError';

/** InternalServiceOptions configures an InternalService. */
export interface InternalServiceOptions {
  /** Human name used in errors, e.g. "collector". */
  name: string;
  baseUrl: string;
  internalToken: string;
  timeoutMs?: number;
}

/** InternalService calls one internal service with the shared bearer token and a timeout. */
export class InternalService {
  readonly name: string;
  private readonly baseUrl: string;

  constructor(private readonly options: InternalServiceOptions) {
    this.name = options.name;
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
  }

  /** url joins a path onto the service's base URL. */
  url(path: string): string {
    return `${this.baseUrl}${path}`;
  }

  /** fetch sends a request; a network failure or timeout becomes DependencyUnavailableError. */
  async fetch(
    path: string,
    init: RequestInit & { timeoutMs?: number; internal?: boolean } = {},
  ): Promise<Response> {
    const { timeoutMs, internal = true, ...rest } = init;
    const headers = new Headers(rest.headers);
    if (internal) headers.set('authorization', `Bearer ${this.options.internalToken}`);
    try {
      return await fetch(this.url(path), {
        ...rest,
        headers,
        signal: rest.signal ?? AbortSignal.timeout(timeoutMs ?? this.options.timeoutMs ?? 3000),
      });
    } catch (err) {
      throw new DependencyUnavailableError(this.name, { cause: err });
    }
  }

  /** getJson fetches a path and parses a 200 body with the schema; other statuses are returned for the caller to map. */
  async getJson<S extends z.ZodType>(
    path: string,
    schema: S,
  ): Promise<{ ok: true; body: z.output<S> } | { ok: false; status: number }> {
    const res = await this.fetch(path, { headers: { accept: 'application/json' } });
    if (res.status !== 200) {
      await res.body?.cancel();
      return { ok: false, status: res.status };
    }
    let parsed: unknown;
    try {
      parsed = await res.json();
    } catch (err) {
      throw new BadGatewayError(this.name, { cause: err });
    }
    const result = schema.safeParse(parsed);
    if (!result.success) throw new BadGatewayError(this.name, { cause: result.error });
    return { ok: true, body: result.data };
  }

  /** isHealthy resolves true when GET path answers 2xx. */
  async isHealthy(path: string, internal = false): Promise<boolean> {
    try {
      const res = await this.fetch(path, { internal, timeoutMs: 2000 });
      await res.body?.cancel();
      return res.ok;
    } catch {
      return false;
    }
  }
}
