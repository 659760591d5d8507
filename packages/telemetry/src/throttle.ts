/**
 * throttle wraps fn so that it runs at most once per intervalMs; calls in between are counted and the count
 * is passed to the next call that runs. It keeps a dead dependency from flooding the log with one line per request.
 */
export function throttle<A>(
  intervalMs: number,
  fn: (arg: A, suppressed: number) => void,
  now: () => number = Date.now,
): (arg: A) => void {
  let last = -Infinity;
  let suppressed = 0;
  return (arg) => {
    const t = now();
    if (t - last < intervalMs) {
      suppressed++;
      return;
    }
    last = t;
    const count = suppressed;
    suppressed = 0;
    fn(arg, count);
  };
}
