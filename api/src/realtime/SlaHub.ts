import { RollupsFlushedEvent, SOCKET_EVENTS, tenantRoom } from '@sightline/contracts';
import type { SlaUpdateEvent, Tenant } from '@sightline/contracts';
import type { Server as HttpServer } from 'node:http';
import type { Logger } from 'pino';
import type { Socket } from 'socket.io';
import { Server } from 'socket.io';
import type { Principal } from '@sightline/authn';
import { visibleTenants } from '@sightline/authn';
import type { TokenVerifier } from '@sightline/authn';
import type { GatewayAdminClient } from '../clients/GatewayAdminClient';
import type { InternalService } from '@sightline/http';
import type { SlaService } from '../sla/SlaService';
import { CollectorEventStream } from './CollectorEventStream';
import type { SseMessage } from './SseParser';

/** SlaHubOptions configures SlaHub.attach. */
export interface SlaHubOptions {
  server: HttpServer;
  verifier: TokenVerifier;
  gateway: GatewayAdminClient;
  sla: SlaService;
  collector: InternalService;
  consoleOrigins: readonly string[];
  logger: Logger;
  /** Re-emit period for every watched tenant, so tiles move when traffic stops. */
  refreshMs?: number;
  /** At most one recompute per tenant per this many ms (default 200, the collector's rollup flush period). */
  coalesceMs?: number;
}

interface SocketData {
  principal: Principal;
}

interface ServerToClientEvents {
  [SOCKET_EVENTS.slaUpdate]: (event: SlaUpdateEvent) => void;
}

type HubServer = Server<Record<string, never>, ServerToClientEvents, Record<string, never>, SocketData>;
type HubSocket = Socket<Record<string, never>, ServerToClientEvents, Record<string, never>, SocketData>;

/**
 * SlaHub is the Socket.io side of the api: sockets join one room per tenant they may see and receive
 * `sla:update`, recomputed when the collector flushes rollups and re-sent periodically.
 */
export class SlaHub {
  private readonly pending = new Map<string, { dirty: boolean; timer: NodeJS.Timeout }>();
  private readonly refreshTimer: NodeJS.Timeout;
  private readonly coalesceMs: number;
  private closed = false;

  private constructor(
    private readonly io: HubServer,
    private readonly events: CollectorEventStream,
    private readonly options: SlaHubOptions,
  ) {
    this.coalesceMs = options.coalesceMs ?? 200;
    this.refreshTimer = setInterval(() => void this.refreshAll(), options.refreshMs ?? 5000);
    this.refreshTimer.unref();
  }

  /** attach starts Socket.io on the HTTP server and begins following the collector's events. */
  static attach(options: SlaHubOptions): SlaHub {
    const io = new Server<Record<string, never>, ServerToClientEvents, Record<string, never>, SocketData>(
      options.server,
      {
        cors: { origin: [...options.consoleOrigins], credentials: true },
        maxHttpBufferSize: 16 * 1024,
      },
    );
    const logger = options.logger;
    const events = new CollectorEventStream({
      service: options.collector,
      logger,
      onMessage: (m) => hub.onCollectorMessage(m),
    });
    const hub = new SlaHub(io, events, options);
    io.use((socket, next) => {
      const token: unknown = (socket.handshake.auth as Record<string, unknown> | undefined)?.token;
      if (typeof token !== 'string' || token.length === 0 || token.length > 8192) {
        next(new Error('unauthorized: a token is required in auth.token'));
        return;
      }
      options.verifier.verify(token).then(
        (principal) => {
          socket.data.principal = principal;
          next();
        },
        (err: unknown) =>
          next(
            new Error(
              (err as { status?: number }).status === 503
                ? 'auth is unavailable'
                : 'unauthorized: invalid token',
            ),
          ),
      );
    });
    io.on('connection', (socket) => void hub.onConnection(socket));
    events.start();
    return hub;
  }

  /** isFollowingEvents is true while the collector's event stream is open. */
  isFollowingEvents(): boolean {
    return this.events.isConnected();
  }

  /** close disconnects every socket, stops the event stream and the timers; the HTTP server is left to its owner. */
  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.refreshTimer);
    for (const p of this.pending.values()) clearTimeout(p.timer);
    this.pending.clear();
    this.io.disconnectSockets(true);
    this.io.engine.close();
    await this.events.close();
  }

  private async onConnection(socket: HubSocket): Promise<void> {
    const principal = socket.data.principal;
    // A socket outlives no token: it is dropped when the token it was opened with expires.
    const ttlMs = principal.expiresAt * 1000 - Date.now();
    const expiry = setTimeout(() => socket.disconnect(true), Math.max(0, Math.min(ttlMs, 2 ** 31 - 1)));
    socket.once('disconnect', () => clearTimeout(expiry));
    try {
      const tenants = visibleTenants(principal, await this.options.gateway.listTenants());
      await socket.join(tenants.map((t) => tenantRoom(t.id)));
      await Promise.all(
        tenants.map(async (tenant) => {
          socket.emit(SOCKET_EVENTS.slaUpdate, await this.options.sla.update(tenant));
        }),
      );
    } catch (err) {
      this.options.logger.warn({ err: describe(err) }, 'could not send the first sla:update to a socket');
    }
  }

  private onCollectorMessage(message: SseMessage): void {
    if (message.event !== 'rollups') return;
    let parsed;
    try {
      parsed = RollupsFlushedEvent.safeParse(JSON.parse(message.data));
    } catch {
      parsed = undefined;
    }
    if (!parsed?.success) {
      this.options.logger.warn({}, 'ignored a malformed rollups event from the collector');
      return;
    }
    for (const tenantId of new Set(parsed.data.tenants)) this.schedule(tenantId);
  }

  // Leading edge now, and one trailing recompute if more events arrived inside the coalescing window.
  private schedule(tenantId: string): void {
    if (this.closed) return;
    const pending = this.pending.get(tenantId);
    if (pending) {
      pending.dirty = true;
      return;
    }
    void this.recompute(tenantId);
    const entry = {
      dirty: false,
      timer: setTimeout(() => {
        this.pending.delete(tenantId);
        if (entry.dirty) this.schedule(tenantId);
      }, this.coalesceMs),
    };
    entry.timer.unref();
    this.pending.set(tenantId, entry);
  }

  private watchers(tenantId: string): number {
    return this.io.of('/').adapter.rooms.get(tenantRoom(tenantId))?.size ?? 0;
  }

  private async recompute(tenantId: string): Promise<void> {
    if (this.watchers(tenantId) === 0) return;
    try {
      const tenant: Tenant | undefined = await this.options.gateway.findTenant(tenantId);
      if (!tenant || this.closed) return;
      const update = await this.options.sla.update(tenant);
      if (!this.closed) this.io.to(tenantRoom(tenantId)).emit(SOCKET_EVENTS.slaUpdate, update);
    } catch (err) {
      this.options.logger.warn(
        { err: describe(err), tenant_id: tenantId },
        'could not recompute a tenant SLA',
      );
    }
  }

  private async refreshAll(): Promise<void> {
    try {
      for (const tenant of await this.options.gateway.listTenants()) this.schedule(tenant.id);
    } catch (err) {
      this.options.logger.warn({ err: describe(err) }, 'could not list tenants for the periodic SLA refresh');
    }
  }
}

function describe(err: unknown): string {
  const e = err as { name?: string; message?: string };
  return [e?.name, e?.message].filter(Boolean).join(': ');
}
