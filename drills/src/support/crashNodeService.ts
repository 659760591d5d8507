import type { NodeService } from './startNodeService';

/** crashNodeService sends SIGKILL (kill -9: no shutdown hook runs) and resolves once the process has exited. */
export async function crashNodeService(service: NodeService): Promise<void> {
  if (service.exited() !== undefined) return;
  process.kill(service.pid, 'SIGKILL');
  while (service.exited() === undefined) await new Promise((r) => setTimeout(r, 5));
}
