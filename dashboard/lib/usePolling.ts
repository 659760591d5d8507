'use client';

import { useEffect, useRef } from 'react';

/** POLL_INTERVAL_MS is how often the on-call pages refresh: the api has no push for alert groups. */
export const POLL_INTERVAL_MS = 5000;

/**
 * usePolling runs `load` now and every intervalMs while `enabled`, never two at once; each run gets a signal that
 * is aborted when the inputs change or the page goes away. A changed `key` starts over at once.
 */
export function usePolling(
  load: (signal: AbortSignal) => Promise<void>,
  enabled: boolean,
  key: string,
  intervalMs = POLL_INTERVAL_MS,
): void {
  const latest = useRef(load);
  // Declared first, so the newest load is in place before the polling effect below runs.
  useEffect(() => {
    latest.current = load;
  });
  useEffect(() => {
    if (!enabled) return;
    const abort = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const run = async () => {
      try {
        await latest.current(abort.signal);
      } catch {
        // An aborted load, or one that failed in a way the page already shows: try again next round.
      }
      if (!abort.signal.aborted) timer = setTimeout(() => void run(), intervalMs);
    };
    void run();
    return () => {
      abort.abort();
      if (timer !== undefined) clearTimeout(timer);
    };
  }, [enabled, key, intervalMs]);
}
