import { alertGroupsPath, alertQueryFromParams, alertQueryToParams, alertsHref } from '../lib/alertQuery';

describe('alerts list URL ↔ filter', () => {
  it('round-trips tenant, state and severity through the URL', () => {
    const href = alertsHref({ tenant: 'acme', state: 'firing', severity: 'page' });
    expect(href).toBe('/alerts?tenant=acme&state=firing&severity=page');
    expect(alertQueryFromParams(new URL(href, 'http://console').searchParams)).toEqual({
      tenant: 'acme',
      state: 'firing',
      severity: 'page',
    });
  });

  it('ignores a state the api does not know, blank values and unknown parameters', () => {
    expect(
      alertQueryFromParams(new URLSearchParams('state=exploded&tenant=&severity=%20&limit=9&x=1')),
    ).toEqual({});
  });

  it('links to the bare list when nothing is filtered', () => {
    expect(alertsHref({})).toBe('/alerts');
    expect(alertQueryToParams({ tenant: ' ' }).toString()).toBe('');
  });

  it('asks the api for the filtered groups with a limit, escaping what the URL held', () => {
    expect(alertGroupsPath({ tenant: 'acme', severity: 'a&b' }, 50)).toBe(
      '/v1/alert-groups?tenant=acme&severity=a%26b&limit=50',
    );
    expect(alertGroupsPath({})).toBe('/v1/alert-groups?limit=200');
  });
});
