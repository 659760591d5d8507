import { buildSilenceRequest, silenceProblemField, type SilenceFormValues } from '../lib/buildSilenceRequest';
import { isoToLocalInput } from '../lib/logQuery';

function form(over: Partial<SilenceFormValues> = {}): SilenceFormValues {
  return {
    mode: 'once',
    tenant: 'acme',
    service: '',
    matchers: [{ name: 'alertname', type: '=', value: 'DiskFull' }],
    startsAt: isoToLocalInput('2026-11-25T22:00:00.000Z').slice(0, 16),
    endsAt: isoToLocalInput('2026-11-25T23:30:00.000Z').slice(0, 16),
    weekday: '6',
    startTime: '02:00',
    durationMinutes: '120',
    timeZone: 'Europe/Berlin',
    comment: 'Disk swap tonight',
    ...over,
  };
}

describe('buildSilenceRequest', () => {
  it('turns a one-off silence in local time into ISO instants the api reads as the same moments', () => {
    expect(buildSilenceRequest(form())).toEqual({
      ok: true,
      body: {
        kind: 'silence',
        tenant: 'acme',
        matchers: [{ name: 'alertname', type: '=', value: 'DiskFull' }],
        window: { kind: 'once', startsAt: '2026-11-25T22:00:00.000Z', endsAt: '2026-11-25T23:30:00.000Z' },
        comment: 'Disk swap tonight',
      },
    });
  });

  it('turns a weekly maintenance window into a cron line in the chosen time zone', () => {
    const r = buildSilenceRequest(
      form({ mode: 'weekly', weekday: '0', startTime: '23:05', durationMinutes: '90', service: 'db' }),
    );
    expect(r).toEqual({
      ok: true,
      body: {
        kind: 'maintenance',
        tenant: 'acme',
        service: 'db',
        matchers: [{ name: 'alertname', type: '=', value: 'DiskFull' }],
        window: { kind: 'cron', cron: '5 23 * * 0', durationMinutes: 90, timeZone: 'Europe/Berlin' },
        comment: 'Disk swap tonight',
      },
    });
  });

  it('leaves out blank matcher rows and blank tenant and service, but keeps a matcher on an empty value', () => {
    const r = buildSilenceRequest(
      form({
        tenant: ' ',
        matchers: [
          { name: '', type: '=', value: '' },
          { name: ' team ', type: '=~', value: 'db|storage' },
          { name: 'instance', type: '=', value: '' },
        ],
      }),
    );
    expect(r.ok && r.body).toMatchObject({
      matchers: [
        { name: 'team', type: '=~', value: 'db|storage' },
        { name: 'instance', type: '=', value: '' },
      ],
    });
    expect(r.ok && 'tenant' in r.body).toBe(false);
    expect(r.ok && 'service' in r.body).toBe(false);
  });

  it('keeps hostile text as it is: the api, not the form, decides what a matcher may hold', () => {
    const value = `"); DROP TABLE silences; --\u202e`;
    const r = buildSilenceRequest(form({ matchers: [{ name: 'x', type: '=', value }] }));
    expect(r.ok && r.body.matchers[0]!.value).toBe(value);
  });

  it.each([
    [{ matchers: [{ name: '', type: '=' as const, value: 'orphan' }] }, 'matchers'],
    [{ comment: '   ' }, 'comment'],
    [{ startsAt: '' }, 'startsAt'],
    [{ endsAt: 'tomorrow' }, 'endsAt'],
    [{ mode: 'weekly' as const, startTime: '25:00' }, 'startTime'],
    [{ mode: 'weekly' as const, durationMinutes: '1.5' }, 'durationMinutes'],
    [{ mode: 'weekly' as const, weekday: '7' }, 'weekday'],
    [{ mode: 'weekly' as const, timeZone: '' }, 'timeZone'],
  ])('refuses %j and names the field %s', (over, field) => {
    const r = buildSilenceRequest(form(over));
    expect(r.ok).toBe(false);
    expect(!r.ok && r.field).toBe(field);
  });

  it('leaves an end before the start for the api to refuse, so its reason is the one shown', () => {
    const r = buildSilenceRequest(form({ endsAt: form().startsAt, startsAt: form().endsAt }));
    expect(r.ok).toBe(true);
  });
});

describe('silenceProblemField', () => {
  it.each([
    ['window.endsAt: endsAt must be after startsAt', 'endsAt'],
    ['window.startsAt: startsAt must be an ISO 8601 date-time', 'startsAt'],
    ['window.timeZone: unknown time zone Mars/Olympus', 'timeZone'],
    ['window.durationMinutes: durationMinutes must be at most 10080 (one week)', 'durationMinutes'],
    ['window.cron: cron never produces an occurrence', 'weekday'],
    ['matchers.0.value: value: regex does not compile', 'matchers'],
    ['matchers: a silence needs at least one matcher, tenant or service', 'matchers'],
    ['comment: say why', 'comment'],
    ['tenant: Invalid string', 'tenant'],
  ])('finds the field "%s" is about', (detail, field) => {
    expect(silenceProblemField(detail)).toBe(field);
  });

  it('names no field for a reason about none the form has', () => {
    expect(silenceProblemField('this token may only see tenant acme')).toBeNull();
    expect(silenceProblemField('reminderChannelId: channel x does not exist')).toBeNull();
    expect(silenceProblemField('body: malformed JSON body')).toBeNull();
  });
});
