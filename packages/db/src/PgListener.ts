import pg from 'pg';

/** PgListenerOptions configures PgListener. */
export interface PgListenerOptions {
  connectionString: string;
  channel: string;
  /** application_name of the listening session, e.g. "gateway-config-listener". */
  applicationName: string;
  /** A notification arrived, with its payload ('' when none was sent). */
  onNotify: (payload: string) => void;
  /** The LISTEN session (re)started; notifications sent while it was down are lost, so the caller reloads. */
  onListening: () => void;
  onError: (err: Error) => void;
  reconnectMs?: number;
}

/**
 * PgListener holds a dedicated Postgres session that LISTENs on a channel and reconnects after any error,
 * calling onListening each time it is back so that a missed notification never leaves a replica stale for long.
 */
export class PgListener {
  private client: pg.Client | undefined;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(private readonly options: PgListenerOptions) {}

  /** start connects and LISTENs; a failure is reported and retried in the background. */
  async start(): Promise<void> {
    await this.connect();
  }

  /** stop closes the session and cancels any pending reconnect. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    const c = this.client;
    this.client = undefined;
    await c?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    const client = new pg.Client({
      connectionString: this.options.connectionString,
      application_name: this.options.applicationName,
      connectionTimeoutMillis: 5_000,
      keepAlive: true,
    });
    this.client = client;
    let failed = false;
    const fail = (err: Error) => {
      if (failed || this.client !== client) return;
      failed = true;
      this.client = undefined;
      this.options.onError(err);
      client.end().catch(() => undefined);
      this.scheduleReconnect();
    };
    client.on('error', fail);
    client.on('end', () => fail(new Error(`${this.options.channel} listener connection ended`)));
    client.on('notification', (msg) => {
      if (msg.channel === this.options.channel) this.options.onNotify(msg.payload ?? '');
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${this.options.channel}`);
      this.options.onListening();
    } catch (err) {
      fail(err instanceof Error ? err : new Error(String(err)));
    }
  }

  private scheduleReconnect(): void {
    if (this.stopped || this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.connect();
    }, this.options.reconnectMs ?? 500);
    this.timer.unref();
  }
}
