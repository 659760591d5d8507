/** waitReady polls url until it answers 2xx, the process exits (gone() true) or the deadline passes. */
export async function waitReady(url: string, deadline: number, gone: () => boolean): Promise<void> {
  for (;;) {
    if (gone()) throw new Error(`exited before it was ready (${url})`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
      await res.arrayBuffer();
      if (res.ok) return;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) throw new Error(`not ready in time (${url})`);
    await new Promise((r) => setTimeout(r, 250));
  }
}
