/** FIXED_START is when the first fixed log line happened: long past, so no live line ever falls among them. */
const FIXED_START = Date.parse('2024-06-03T09:00:00.000Z');

const LINES = [
  {
    severity: 'INFO',
    number: 9,
    body: 'checkout started for cart 4411',
    traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
  },
  {
    severity: 'INFO',
    number: 9,
    body: 'payment authorised: 42.50 EUR',
    traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
  },
  { severity: 'WARN', number: 13, body: 'inventory lookup took 812 ms (budget 500 ms)', traceId: null },
  { severity: 'ERROR', number: 17, body: 'shipping quote failed: upstream returned 503', traceId: null },
  { severity: 'INFO', number: 9, body: 'order 98122 confirmed', traceId: '0af7651916cd43dd8448eb211c80319c' },
] as const;

/**
 * fixedLogLines is an OTLP/JSON logs export of a few acme checkout lines at fixed times in the past, and the explorer
 * search that finds exactly them: a page whose every pixel is known, where live logs would change at each run.
 */
export function fixedLogLines(): { service: string; search: URLSearchParams; otlp: unknown } {
  const service = 'e2e-quality-checkout';
  const search = new URLSearchParams({
    tenant: 'acme',
    service,
    from: new Date(FIXED_START - 60_000).toISOString(),
    to: new Date(FIXED_START + 10 * 60_000).toISOString(),
  });
  const otlp = {
    resourceLogs: [
      {
        resource: {
          attributes: [
            { key: 'service.name', value: { stringValue: service } },
            { key: 'tenant.id', value: { stringValue: 'acme' } },
          ],
        },
        scopeLogs: [
          {
            scope: { name: 'e2e-quality' },
            logRecords: LINES.map((l, i) => ({
              // 37 s and 250 ms apart, so the seconds and milliseconds columns show varied digits.
              timeUnixNano: String(BigInt(FIXED_START + i * 37_250) * 1_000_000n),
              severityText: l.severity,
              severityNumber: l.number,
              body: { stringValue: l.body },
              ...(l.traceId === null ? {} : { traceId: l.traceId, spanId: `${l.traceId.slice(0, 15)}${i}` }),
            })),
          },
        ],
      },
    ],
  };
  return { service, search, otlp };
}
