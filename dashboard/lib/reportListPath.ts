/** REPORT_PAGE_SIZE is how many archive entries the reports page lists. */
export const REPORT_PAGE_SIZE = 50;

/** reportListPath builds GET /v1/reports for the archive filters; '' leaves a filter out. */
export function reportListPath(tenant: string, kind: '' | 'tenant' | 'executive'): string {
  const params = new URLSearchParams();
  if (tenant !== '') params.set('tenant', tenant);
  if (kind !== '') params.set('kind', kind);
  params.set('limit', String(REPORT_PAGE_SIZE));
  return `/v1/reports?${params.toString()}`;
}
