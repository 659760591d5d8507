import type { TenantWeeklyReport } from '../report/WeeklyReport';
import { escapeHtml } from './escapeHtml';
import { formatLocalTime } from './format/formatLocalTime';
import { renderHtmlDocument } from './renderHtmlDocument';
import { renderAvailabilitySection } from './sections/renderAvailabilitySection';
import { renderBudgetSection } from './sections/renderBudgetSection';
import { renderFailingRoutesSection } from './sections/renderFailingRoutesSection';
import { renderIncidentsSection } from './sections/renderIncidentsSection';
import { renderLatencySection } from './sections/renderLatencySection';
import { renderMaintenanceSection } from './sections/renderMaintenanceSection';
import { renderObjectivesSection } from './sections/renderObjectivesSection';
import { renderRateLimitingSection } from './sections/renderRateLimitingSection';
import { renderReportHeader } from './sections/renderReportHeader';

/** TenantReportOptions tune a rendered tenant report. */
export interface TenantReportOptions {
  /** consoleUrl is linked from the footer when it is an http(s) URL. */
  consoleUrl?: string;
}

function consoleLink(consoleUrl: string | undefined): string {
  if (!consoleUrl) return '';
  let url: URL;
  try {
    url = new URL(consoleUrl);
  } catch {
    return '';
  }
  // Only web links: a javascript: or data: URL from configuration must never become a live link.
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return '';
  const href = escapeHtml(url.href);
  return ` Open the console for live figures: <a href="${href}">${href}</a>.`;
}

/**
 * renderTenantReport lays out one tenant's weekly SLA report as a self-contained HTML document (inline CSS
 * and SVG, no scripts, no external requests): the summary and objectives on the first page, then daily
 * availability, error budget, latency trend, incidents, maintenance, failing routes and rate limiting.
 */
export function renderTenantReport(report: TenantWeeklyReport, options: TenantReportOptions = {}): string {
  const zone = report.week.timeZone || report.tenant.timeZone;
  const generated = formatLocalTime(report.generatedAt, zone, 'cccc d LLLL yyyy, HH:mm ZZZZ');
  const body = [
    renderReportHeader(report),
    renderObjectivesSection(report.objectives),
    renderAvailabilitySection(report),
    renderBudgetSection(report.objectives),
    renderLatencySection(report),
    renderIncidentsSection(report.incidents, report.incidentStats, zone),
    renderMaintenanceSection(report.maintenance, zone),
    renderFailingRoutesSection(report.topFailingRoutes),
    renderRateLimitingSection(report.rateLimiting, zone),
    `<footer>Generated ${generated} for ${escapeHtml(report.tenant.name)} (${escapeHtml(report.tenant.id)}). ` +
      `Times are local to ${escapeHtml(zone)}.${consoleLink(options.consoleUrl)}</footer>`,
  ];
  const title = `${report.tenant.name} — weekly SLA report ${report.week.label}`;
  return renderHtmlDocument(title, body.join('\n'));
}
