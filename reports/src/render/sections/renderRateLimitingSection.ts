import { DateTime } from 'luxon';
import type { RateLimiting } from '../../report/WeeklyReport';
import { formatCount } from '../format/formatCount';
import { formatLocalTime } from '../format/formatLocalTime';
import { formatPercent } from '../format/formatPercent';

/**
 * renderRateLimitingSection says how many requests the gateway limited, their share of all requests and the
 * local hour with the most, and reminds the reader that limited requests do not count against availability.
 */
export function renderRateLimitingSection(rateLimiting: RateLimiting, timeZone: string): string {
  const lines: string[] = [];
  if (rateLimiting.limitedRequests === 0) {
    lines.push('<p>No requests were rate limited this week.</p>');
  } else {
    const noun = rateLimiting.limitedRequests === 1 ? 'request was' : 'requests were';
    lines.push(
      `<p class="lead"><strong>${formatCount(rateLimiting.limitedRequests)}</strong> ${noun} rate limited, ` +
        `${formatPercent(rateLimiting.sharePercent, 3)} of all requests.</p>`,
    );
    if (rateLimiting.peakHour) {
      const { start, limited } = rateLimiting.peakHour;
      const from = formatLocalTime(start, timeZone, 'cccc d LLLL, HH:mm');
      const end = DateTime.fromISO(start).plus({ hours: 1 }).toISO() ?? start;
      const to = formatLocalTime(end, timeZone, 'HH:mm ZZZZ');
      lines.push(`<p>Peak hour: ${from}–${to}, with ${formatCount(limited)} limited requests.</p>`);
    }
  }
  lines.push(
    '<p class="muted">Rate-limited requests (HTTP 429) are counted on their own and are not counted against availability.</p>',
  );
  return `<section class="keep" aria-labelledby="rate-limiting"><h2 id="rate-limiting">Rate limiting</h2>\n${lines.join('\n')}\n</section>`;
}
