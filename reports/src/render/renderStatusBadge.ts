const NAMES = { green: 'Green', amber: 'Amber', red: 'Red' } as const;

/**
 * renderStatusBadge shows a status as a coloured pill that also spells the colour out, so it reads in
 * grey print and for colour-blind readers.
 */
export function renderStatusBadge(status: 'green' | 'amber' | 'red', prefix = ''): string {
  const name = NAMES[status] ?? 'Unknown';
  return `<span class="status status-${NAMES[status] ? status : 'unknown'}"><span class="dot" aria-hidden="true"></span>${prefix}${name}</span>`;
}
