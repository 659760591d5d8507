import {
  exploreHref,
  isoToLocalInput,
  localInputToIso,
  logQueryFromParams,
  logQueryToParams,
  logsAround,
  type LogQuery,
} from '../lib/logQuery';

describe('explorer URL ↔ query', () => {
  it('round-trips every field through the URL unchanged, including hostile text', () => {
    const query: LogQuery = {
      tenant: 'acme',
      service: 'gateway',
      severity: 'warn',
      q: "a&b=c #x '' OR 1=1; --",
      from: '2026-11-25T11:00:00.000Z',
      to: '2026-11-25T12:00:00.000Z',
      traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
    };
    const href = exploreHref(query);
    expect(href.startsWith('/explore?tenant=acme&service=gateway&severity=warn&q=')).toBe(true);
    const back = logQueryFromParams(new URL(href, 'http://console').searchParams);
    expect(back).toEqual(query);
  });

  it('leaves blank fields out of the URL and out of the query', () => {
    expect(logQueryToParams({ tenant: 'acme', q: '  ', service: '' }).toString()).toBe('tenant=acme');
    expect(logQueryFromParams(new URLSearchParams('tenant=acme&q=&service=%20'))).toEqual({ tenant: 'acme' });
  });

  it('ignores parameters the explorer does not know', () => {
    expect(logQueryFromParams(new URLSearchParams('tenant=acme&cursor=abc&evil=1'))).toEqual({
      tenant: 'acme',
    });
  });

  it('links to the bare explorer when there is no search', () => {
    expect(exploreHref({})).toBe('/explore');
  });

  it('builds the logs around a span: its tenant and a minute either side', () => {
    expect(logsAround('acme', '2026-11-25T12:00:00.000Z', '2026-11-25T12:00:02.500Z')).toEqual({
      tenant: 'acme',
      from: '2026-11-25T11:59:00.000Z',
      to: '2026-11-25T12:01:02.500Z',
    });
  });

  it('shows a URL time in a datetime-local field and reads it back as the same instant', () => {
    const iso = '2026-11-25T11:00:05.000Z';
    const local = isoToLocalInput(iso);
    expect(local).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/);
    expect(localInputToIso(local)).toBe(iso);
  });

  it('treats an empty or unreadable time as no bound', () => {
    expect(isoToLocalInput(undefined)).toBe('');
    expect(isoToLocalInput('yesterday')).toBe('');
    expect(localInputToIso('')).toBeUndefined();
    expect(localInputToIso('not a time')).toBeUndefined();
  });
});
