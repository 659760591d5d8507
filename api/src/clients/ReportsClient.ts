import { BadGatewayError, BadRequestError, ConflictError, NotFoundError } from '@sightline/http';
import type { InternalService } from '@sightline/http';
import type { z } from 'zod';
import { ReportEnvelope, ReportList, ReportRecipients } from '../openapi/reportSchemas';
import type { Report, ReportFormat } from '../openapi/reportSchemas';
import { upstreamDetail } from './upstreamDetail';

/** ReportListFilter is what the archive listing is narrowed by, already checked against the caller's scope. */
export interface ReportListFilter {
  /** tenant is a comma list of tenant ids (`*` for executive summaries). */
  tenant?: string;
  kind?: 'tenant' | 'executive';
  limit?: string;
  before?: string;
}

/** ReportJobRequest is the body the reports service is sent to generate a report. */
export interface ReportJobRequest {
  kind: 'tenant' | 'executive';
  tenant?: string;
  week?: string;
  force?: boolean;
  requestedBy: string;
}

// The reports service's refusals that mean something to the user keep their status and short reason.
const PASSED: Record<number, (detail: string) => Error> = {
  400: (d) => new BadRequestError(d),
  404: (d) => new NotFoundError(d),
  409: (d) => new ConflictError(d),
};
const FALLBACK: Record<number, string> = {
  400: 'the reports service refused the request',
  404: 'not found',
  409: 'the report is not ready yet',
};
// A download may be a PDF of a few MB printed on a busy replica; the JSON calls keep the service default.
const DOWNLOAD_TIMEOUT_MS = 30_000;

/**
 * ReportsClient calls the reports service's internal API: the archive, on-demand jobs, downloads and recipients.
 * Its 400/404/409 keep their status and reason; any other answer, or a body outside the contract, is a 502; an
 * unreachable service is a 503.
 */
export class ReportsClient {
  constructor(readonly service: InternalService) {}

  /** list returns archive entries, newest week first. */
  async list(filter: ReportListFilter): Promise<Report[]> {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(filter)) if (typeof value === 'string') params.set(key, value);
    const query = params.size > 0 ? `?${params.toString()}` : '';
    return (await this.call('GET', `/reports${query}`, [200], ReportList)).body.reports;
  }

  /** get returns one report's entry, or null when there is no such report. */
  async get(id: number): Promise<Report | null> {
    try {
      return (await this.call('GET', `/reports/${id}`, [200], ReportEnvelope)).body.report;
    } catch (err) {
      if (err instanceof NotFoundError) return null;
      throw err;
    }
  }

  /** create asks for a report: 202 for a new or re-run job, 200 when the report already existed. */
  async create(body: ReportJobRequest): Promise<{ status: 200 | 202; report: Report }> {
    const { status, body: answer } = await this.call('POST', '/reports', [200, 202], ReportEnvelope, body);
    return { status: status as 200 | 202, report: answer.report };
  }

  /** recipients lists who receives a tenant's reports (`*` for the executive summary). */
  async recipients(tenant: string): Promise<ReportRecipients> {
    return (await this.call('GET', `/reports/recipients/${enc(tenant)}`, [200], ReportRecipients)).body;
  }

  /** setRecipients replaces a tenant's recipients and returns them as stored. */
  async setRecipients(tenant: string, emails: readonly string[]): Promise<ReportRecipients> {
    const path = `/reports/recipients/${enc(tenant)}`;
    return (await this.call('PUT', path, [200], ReportRecipients, { emails })).body;
  }

  /**
   * content opens a finished report's HTML, PDF or JSON as a stream, checked to be of the expected media type; a
   * report that is not ready is a ConflictError, a missing one null.
   */
  async content(id: number, format: ReportFormat): Promise<Response | null> {
    const res = await this.service.fetch(`/internal/v1/reports/${id}/${format}`, {
      headers: { accept: MEDIA_TYPE[format] },
      timeoutMs: DOWNLOAD_TIMEOUT_MS,
    });
    if (res.status === 404) {
      await res.body?.cancel();
      return null;
    }
    await this.refuse(res, [200]);
    const type = res.headers.get('content-type') ?? '';
    if (!type.toLowerCase().startsWith(MEDIA_TYPE[format]) || res.body === null) {
      await res.body?.cancel();
      throw new BadGatewayError(this.service.name);
    }
    return res;
  }

  private async call<S extends z.ZodType>(
    method: string,
    path: string,
    expected: number[],
    schema: S,
    body?: object,
  ): Promise<{ status: number; body: z.output<S> }> {
    const res = await this.service.fetch(`/internal/v1${path}`, {
      method,
      headers: {
        accept: 'application/json',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    await this.refuse(res, expected);
    const parsed = schema.safeParse(await res.json().catch(() => undefined));
    if (!parsed.success) throw new BadGatewayError(this.service.name, { cause: parsed.error });
    return { status: res.status, body: parsed.data };
  }

  // Throws for any status but the expected ones: the service's own refusals pass, anything else is a 502.
  private async refuse(res: Response, expected: number[]): Promise<void> {
    if (expected.includes(res.status)) return;
    const passed = PASSED[res.status];
    if (passed) throw passed(await upstreamDetail(res, FALLBACK[res.status]!));
    await res.body?.cancel();
    throw new BadGatewayError(this.service.name);
  }
}

const MEDIA_TYPE: Record<ReportFormat, string> = {
  html: 'text/html',
  pdf: 'application/pdf',
  json: 'application/json',
};

function enc(id: string): string {
  return encodeURIComponent(id);
}
