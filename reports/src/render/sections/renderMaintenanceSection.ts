import type { MaintenanceWindow } from '../../report/WeeklyReport';
import { escapeHtml } from '../escapeHtml';
import { formatLocalTime } from '../format/formatLocalTime';
import { renderTable } from '../renderTable';

/** renderMaintenanceSection lists the maintenance windows that overlapped the week, in local time, or "None". */
export function renderMaintenanceSection(windows: MaintenanceWindow[], timeZone: string): string {
  const body =
    windows.length === 0
      ? '<p>None.</p>'
      : renderTable(
          [
            { heading: 'Window' },
            { heading: 'Created by' },
            { heading: 'Starts' },
            { heading: 'Ends' },
            { heading: 'Recurring' },
          ],
          windows.map((w) => [
            escapeHtml(w.comment),
            escapeHtml(w.createdBy),
            formatLocalTime(w.startsAt, timeZone),
            formatLocalTime(w.endsAt, timeZone),
            w.recurring ? 'Yes' : 'No',
          ]),
        );
  return `<section class="keep" aria-labelledby="maintenance"><h2 id="maintenance">Maintenance windows</h2>\n${body}\n</section>`;
}
