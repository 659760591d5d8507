import type { Incident, IncidentStats } from '../../report/WeeklyReport';
import { escapeHtml } from '../escapeHtml';
import { formatCount } from '../format/formatCount';
import { formatDuration } from '../format/formatDuration';
import { formatLocalTime } from '../format/formatLocalTime';
import { renderTable } from '../renderTable';

function row(incident: Incident, timeZone: string): string[] {
  const title = `${escapeHtml(incident.title)}${incident.slo ? `<br><span class="muted">SLO ${escapeHtml(incident.slo)}</span>` : ''}`;
  const tta =
    incident.ttaSeconds === null
      ? 'Not acknowledged'
      : `${formatDuration(incident.ttaSeconds)}${incident.acknowledgedBy ? `<br><span class="muted">by ${escapeHtml(incident.acknowledgedBy)}</span>` : ''}`;
  let ttr = '—';
  if (incident.ttrSeconds !== null) ttr = formatDuration(incident.ttrSeconds);
  else if (incident.ongoing) ttr = 'Still open';
  return [
    title,
    incident.severity === null ? '—' : escapeHtml(incident.severity),
    formatLocalTime(incident.startedAt, timeZone),
    `${formatDuration(incident.durationSeconds)}${incident.ongoing ? ' (ongoing at week end)' : ''}`,
    tta,
    ttr,
    incident.paged ? '<strong>Yes</strong>' : 'No',
  ];
}

function stats(s: IncidentStats): string {
  const mtta = s.mttaSeconds === null ? 'none acknowledged' : formatDuration(s.mttaSeconds);
  const mttr = s.mttrSeconds === null ? 'none resolved' : formatDuration(s.mttrSeconds);
  const count = `${formatCount(s.count)} ${s.count === 1 ? 'incident' : 'incidents'}, ${formatCount(s.paged)} paged`;
  return `<p class="lead">${count}. Mean time to acknowledge (MTTA): <strong>${mtta}</strong>. Mean time to resolve (MTTR): <strong>${mttr}</strong>.</p>`;
}

/**
 * renderIncidentsSection lists the incidents open during the week, with local start times, how long each took
 * to acknowledge and resolve and whether it paged, under the week's MTTA and MTTR.
 */
export function renderIncidentsSection(
  incidents: Incident[],
  incidentStats: IncidentStats,
  timeZone: string,
): string {
  const body =
    incidents.length === 0
      ? '<p class="lead">No incidents this week.</p>'
      : `${stats(incidentStats)}\n${renderTable(
          [
            { heading: 'Incident' },
            { heading: 'Severity' },
            { heading: 'Started (local)' },
            { heading: 'Duration', numeric: true },
            { heading: 'Time to acknowledge', numeric: true },
            { heading: 'Time to resolve', numeric: true },
            { heading: 'Paged' },
          ],
          incidents.map((i) => row(i, timeZone)),
        )}`;
  return `<section class="keep" aria-labelledby="incidents"><h2 id="incidents">Incidents</h2>\n${body}\n</section>`;
}
