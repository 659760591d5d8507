/**
 * LIVE_REGIONS are, per screenshot, the CSS selectors of what live data rewrites every second or minute: the visual
 * test paints them over, so a golden only holds the layout, the labels and the colours of the page's frame.
 */
export const LIVE_REGIONS = {
  // The tiles' numbers, status, clock, rate-limited share and burn-rate sparkline come from live data; names, tiers
  // and labels stay.
  board: [
    '[data-testid^="availability-"]',
    '[data-testid^="p99-"]',
    '[data-testid^="budget-"]',
    '[data-testid^="requests-"]',
    '[data-testid^="updated-"]',
    '[data-testid^="status-"]',
    '[data-testid^="ratelimited-"]',
    '[data-testid^="burn-"]',
  ],
  // The SLA table's cells, the charts and their one-line summaries, SLO and alert text, services' last-seen times.
  tenant: [
    '[data-testid="tenant-sla"] tbody td',
    '.chart-body',
    '.chart-summary',
    '[data-testid^="firing-alerts"]',
    '[data-testid="tenant-slos"] .slo-card',
    '[data-testid="tenant-services"]',
  ],
  // The explorer is shot on a search of fixed past log lines (fixedLogLines), so nothing on it is live.
  explorer: [],
} as const satisfies Record<string, readonly string[]>;
