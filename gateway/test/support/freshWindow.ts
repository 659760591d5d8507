/**
 * freshWindow waits until both buckets of every 1 s window used so far have aged out and the clock is just past a
 * second boundary (Redis runs on this machine, so its clock is ours), so a short burst lands in one bucket.
 */
export async function freshWindow(): Promise<void> {
  await new Promise((r) => setTimeout(r, 2_000));
  const into = Date.now() % 1000;
  await new Promise((r) => setTimeout(r, 1000 - into + 10));
}
