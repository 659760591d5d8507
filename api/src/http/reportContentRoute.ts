import { NotFoundError } from '@sightline/http';
import type { RequestHandler } from 'express';
import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { pipeline } from 'node:stream/promises';
import { principalOf } from '@sightline/authn';
import type { ReportsClient } from '../clients/ReportsClient';
import type { Report, ReportFormat } from '../openapi/reportSchemas';
import { ReportScope } from './ReportScope';
import { visibleReport } from './visibleReport';

/** REPORT_CSP is the policy a report's HTML is served with when the reports service sent none: nothing may run. */
export const REPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

const CONTENT_TYPE: Record<ReportFormat, string> = {
  html: 'text/html; charset=utf-8',
  pdf: 'application/pdf',
  json: 'application/json; charset=utf-8',
};

// Ids and week labels were checked against the contract, so the name needs no quoting beyond the quotes.
function fileName(report: Report, format: ReportFormat): string {
  const who = report.kind === 'tenant' ? report.tenantId : 'executive';
  return `sightline-${who}-${report.weekLabel}.${format}`.replace(/[^A-Za-z0-9._-]/g, '_');
}

/**
 * reportContentRoute handles GET /v1/reports/:id/{html,pdf,json}: the finished report, streamed from the reports
 * service after its entry was fetched and checked (another tenant's is a 404, one not generated yet a 409). The
 * PDF comes as an attachment; the HTML keeps the service's Content-Security-Policy.
 */
export function reportContentRoute(reports: ReportsClient, format: ReportFormat): RequestHandler {
  return async (req, res) => {
    const report = await visibleReport(reports, ReportScope.of(principalOf(res)), req.params);
    const upstream = await reports.content(report.id, format);
    if (upstream === null) throw new NotFoundError(`no report ${report.id}`);
    const disposition = format === 'pdf' ? 'attachment' : 'inline';
    res.status(200).set({
      'content-type': CONTENT_TYPE[format],
      'content-disposition': `${disposition}; filename="${fileName(report, format)}"`,
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    });
    const length = upstream.headers.get('content-length');
    if (length !== null && /^\d{1,12}$/.test(length)) res.set('content-length', length);
    if (format === 'html')
      res.set('content-security-policy', upstream.headers.get('content-security-policy') ?? REPORT_CSP);
    try {
      await pipeline(Readable.fromWeb(upstream.body as WebReadableStream<Uint8Array>), res);
    } catch {
      // The headers are gone by now, so a broken upstream or a client that left can only end the response early;
      // pipeline has already destroyed both streams.
    }
  };
}
