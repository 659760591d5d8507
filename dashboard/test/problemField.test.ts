import { problemField, problemPath } from '../lib/problemField';

const FIELDS = ['name', 'steps', 'steps.0.targets', 'steps.0.waitMinutes', 'spec.layers.1.startDate'];

describe('problemField', () => {
  it.each([
    ['steps.0.waitMinutes: under 0.01', 'steps.0.waitMinutes'],
    ['steps.0.targets.1.id: does not match ^[a-z0-9]', 'steps.0.targets'],
    ['steps.3: unknown key "x"', 'steps'],
    ['spec.layers.1.startDate: startDate 2026-03-02 is a Monday, but …', 'spec.layers.1.startDate'],
  ])('puts "%s" on the field %s, the most precise one that holds its path', (detail, field) => {
    expect(problemField(detail, FIELDS)).toBe(field);
  });

  it.each([
    ['escalation policy default is still referenced'],
    ['spec.timeZone: timeZone "Mars/Base" is not an IANA time zone name such as Europe/Berlin'],
    ['names: a prefix of a field is not that field'],
  ])('names no field for "%s"', (detail) => {
    expect(problemField(detail, FIELDS)).toBeNull();
  });

  it('reads the path only from the start of a detail', () => {
    expect(problemPath('window.endsAt: endsAt must be after startsAt')).toBe('window.endsAt');
    expect(problemPath('not a path: but a sentence')).toBeNull();
  });
});
