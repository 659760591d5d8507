/** viewerTimeZone is the browser's IANA time zone, or UTC when the engine cannot tell. */
export function viewerTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}

/** timeZones lists the IANA zones a form offers, sorted, always with the current one and UTC. */
export function timeZones(current: string): string[] {
  let zones: string[] = [];
  try {
    zones = Intl.supportedValuesOf('timeZone');
  } catch {
    // An engine without the list still offers the viewer's zone and UTC.
  }
  return [...new Set([current, 'UTC', ...zones])].sort((a, b) => a.localeCompare(b));
}
