const NBSP = '\u00a0';

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/**
 * formatDuration writes seconds the way people say them: "42 s", "4 min 10 s", "1 h 05 min", "2 d 03 h".
 * It keeps the two largest units only, because an executive compares magnitudes, not seconds.
 */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '—';
  const s = Math.round(seconds);
  if (s < 60) return `${s}${NBSP}s`;
  if (s < 3600) {
    const rest = s % 60;
    return rest === 0
      ? `${Math.floor(s / 60)}${NBSP}min`
      : `${Math.floor(s / 60)}${NBSP}min ${pad(rest)}${NBSP}s`;
  }
  const minutes = Math.round(s / 60);
  if (minutes < 24 * 60) {
    const rest = minutes % 60;
    return rest === 0
      ? `${Math.floor(minutes / 60)}${NBSP}h`
      : `${Math.floor(minutes / 60)}${NBSP}h ${pad(rest)}${NBSP}min`;
  }
  const hours = Math.round(s / 3600);
  const rest = hours % 24;
  return rest === 0
    ? `${Math.floor(hours / 24)}${NBSP}d`
    : `${Math.floor(hours / 24)}${NBSP}d ${pad(rest)}${NBSP}h`;
}
