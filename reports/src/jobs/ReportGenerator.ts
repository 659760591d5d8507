import type { SloDefinition } from '@sightline/slo';
import { buildExecutiveSummary } from '../report/buildExecutiveSummary';
import type { TenantWeekPair } from '../report/buildExecutiveSummary';
import { buildTenantReport } from '../report/buildTenantReport';
import type { ReportTenant } from '../report/ReportInputs';
import type { ExecutiveSummary, ReportWeek, TenantWeeklyReport } from '../report/WeeklyReport';
import type { ReportSources } from '../sources/ReportSources';
import { previousWeek, weekByLabel } from '../week/reportWeek';

/** Printer turns a self-contained HTML document into a PDF. */
export interface Printer {
  print(html: string): Promise<Buffer>;
  close(): Promise<void>;
}

/** Progress is told each stage of a generation and how far along it is (0..100). */
export type Progress = (stage: string, percent: number) => Promise<void>;

/** Rendered is one generated report: its data, HTML and PDF. */
export interface Rendered<T> {
  data: T;
  html: string;
  pdf: Buffer;
}

/** ReportGeneratorDeps are what the generator reads from and renders with. */
export interface ReportGeneratorDeps {
  sources: ReportSources;
  slos: readonly SloDefinition[];
  printer: Printer;
  renderTenant: (report: TenantWeeklyReport) => string;
  renderExecutive: (summary: ExecutiveSummary) => string;
  now: () => Date;
}

// Five weeks cover the latency trend, and every SLO period we accept (7d, 28d, 30d) fits in them.
const HISTORY_MS = 35 * 86_400_000;

/** ReportGenerator gathers a week's data, computes the report, renders it to HTML and prints the PDF. */
export class ReportGenerator {
  /** constructor takes the sources, the SLO specs, the printer and the renderers. */
  constructor(private readonly deps: ReportGeneratorDeps) {}

  /** tenantData computes one tenant's report data for a week, without rendering. */
  async tenantData(
    tenant: ReportTenant,
    week: ReportWeek,
    progress: Progress = async () => {},
  ): Promise<TenantWeeklyReport> {
    const { sources } = this.deps;
    const from = new Date(week.start);
    const to = new Date(week.end);
    await progress('reading traffic rollups', 10);
    const points = await sources.series(tenant.id, new Date(to.getTime() - HISTORY_MS), to);
    await progress('reading incidents and maintenance windows', 30);
    const [incidents, maintenance, routes] = await Promise.all([
      sources.incidents(tenant.id, from, to),
      sources.maintenance(tenant.id, from, to),
      sources.routes(tenant.id, from, to),
    ]);
    await progress('computing figures', 45);
    return buildTenantReport({
      tenant,
      week,
      slos: this.deps.slos,
      points,
      incidents,
      maintenance,
      routes,
      generatedAt: this.deps.now(),
    });
  }

  /** tenantReport generates one tenant's report for a week. */
  async tenantReport(
    tenant: ReportTenant,
    week: ReportWeek,
    progress: Progress,
  ): Promise<Rendered<TenantWeeklyReport>> {
    const data = await this.tenantData(tenant, week, progress);
    await progress('rendering HTML', 60);
    const html = this.deps.renderTenant(data);
    await progress('printing PDF', 75);
    const pdf = await this.deps.printer.print(html);
    return { data, html, pdf };
  }

  /**
   * executiveSummary generates the summary across tenants for an ISO week, each tenant's week in its own time zone;
   * stored reports are used where they exist, and missing ones are computed on the spot.
   */
  async executiveSummary(
    weekLabel: string,
    stored: (tenant: string, weekLabel: string) => Promise<TenantWeeklyReport | null>,
    progress: Progress,
  ): Promise<Rendered<ExecutiveSummary>> {
    const tenants = await this.deps.sources.tenants();
    const pairs: TenantWeekPair[] = [];
    for (const [i, tenant] of tenants.entries()) {
      await progress(`reading ${tenant.id}`, 10 + Math.round((50 * i) / Math.max(1, tenants.length)));
      const week = weekByLabel(weekLabel, tenant.timeZone);
      const before = previousWeek(week);
      const current = (await stored(tenant.id, week.label)) ?? (await this.tenantData(tenant, week));
      const previous = (await stored(tenant.id, before.label)) ?? (await this.tenantData(tenant, before));
      pairs.push({
        current,
        previous: previous.traffic.requests === 0 && previous.incidents.length === 0 ? null : previous,
      });
    }
    const data = buildExecutiveSummary(weekLabel, pairs, this.deps.now());
    await progress('rendering HTML', 65);
    const html = this.deps.renderExecutive(data);
    await progress('printing PDF', 80);
    const pdf = await this.deps.printer.print(html);
    return { data, html, pdf };
  }
}
