import { sleep } from './sleep';

/** AckedWrite is a limit change the gateway answered 200 for: it must survive any failover. */
export interface AckedWrite {
  tenant: string;
  reason: string;
  seq: number;
  at: number;
}

/** FailedWrite is a limit change that got no 200; its outcome is unknown, so it is neither counted nor checked. */
export interface FailedWrite {
  at: number;
  outcome: string;
}

/**
 * OverrideWriters changes tenants' limit overrides through the gateway's admin API, one writer per tenant, each
 * sending its next change as soon as the last one is answered, and remembers which changes were acknowledged.
 */
export class OverrideWriters {
  readonly acked: AckedWrite[] = [];
  readonly failed: FailedWrite[] = [];
  private stopped = false;
  private readonly loops: Promise<void>[];

  private constructor(
    private readonly adminUrl: string,
    private readonly token: string,
    tenants: readonly string[],
  ) {
    this.loops = tenants.map((t) => this.loop(t));
  }

  /** start begins writing at once. */
  static start(adminUrl: string, token: string, tenants: readonly string[]): OverrideWriters {
    return new OverrideWriters(adminUrl, token, tenants);
  }

  /** firstAckAfter is the first acknowledged write sent after a moment. */
  firstAckAfter(at: number): AckedWrite | undefined {
    return this.acked.find((w) => w.at > at);
  }

  /** stop lets each writer finish its write in flight. */
  async stop(): Promise<void> {
    this.stopped = true;
    await Promise.all(this.loops);
  }

  private async loop(tenant: string): Promise<void> {
    for (let seq = 1; !this.stopped; seq++) {
      const reason = `drill write ${tenant} #${seq}`;
      const at = Date.now();
      try {
        const res = await fetch(`${this.adminUrl}/admin/v1/tenants/${tenant}/override`, {
          method: 'PUT',
          headers: { authorization: `Bearer ${this.token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ perSecond: 1_000 + seq, perMinute: null, reason }),
          signal: AbortSignal.timeout(10_000),
        });
        await res.arrayBuffer();
        if (res.status === 200) {
          this.acked.push({ tenant, reason, seq, at });
          continue;
        }
        this.failed.push({ at, outcome: String(res.status) });
      } catch (err) {
        // fetch reports a refused or reset connection as a TypeError whose cause holds the socket's error code.
        const cause = err instanceof Error ? (err.cause as { code?: string } | undefined) : undefined;
        this.failed.push({ at, outcome: cause?.code ?? (err instanceof Error ? err.name : 'error') });
      }
      // A refused write is retried as a new change after a pause, not in a hot loop against a dead database.
      await sleep(100);
    }
  }
}
