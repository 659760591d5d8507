import type { Role } from '@sightline/contracts';
import { describeReportJob } from '../lib/describeReportJob';
import { parseEmailList } from '../lib/parseEmailList';
import { reportAccess } from '../lib/reportAccess';

const user = (tenantId: string | null, roles: Role[]) => ({ email: 'x@example.com', tenantId, roles });

describe('reportAccess', () => {
  it.each([
    [
      'a platform super_admin',
      user(null, ['super_admin']),
      { read: true, platform: true, ownTenant: null, recipients: 'all' },
    ],
    [
      'a platform sre',
      user(null, ['sre']),
      { read: true, platform: true, ownTenant: null, recipients: 'none' },
    ],
    [
      'a platform executive',
      user(null, ['executive']),
      { read: true, platform: true, ownTenant: null, recipients: 'none' },
    ],
    [
      "acme's executive",
      user('acme', ['executive']),
      { read: true, platform: false, ownTenant: 'acme', recipients: 'none' },
    ],
    [
      "acme's tenant_admin",
      user('acme', ['tenant_admin']),
      { read: true, platform: false, ownTenant: 'acme', recipients: 'own' },
    ],
    [
      "acme's developer",
      user('acme', ['developer']),
      { read: false, platform: false, ownTenant: 'acme', recipients: 'none' },
    ],
    [
      "acme's viewer",
      user('acme', ['viewer']),
      { read: false, platform: false, ownTenant: 'acme', recipients: 'none' },
    ],
    [
      'a platform tenant_admin',
      user(null, ['tenant_admin']),
      { read: true, platform: false, ownTenant: null, recipients: 'none' },
    ],
  ] as const)('gives %s what the api allows it', (_who, u, expected) => {
    expect(reportAccess(u)).toEqual(expected);
  });

  it('lets the api decide when the login response was not kept', () => {
    expect(reportAccess(null)).toEqual({ read: true, platform: false, ownTenant: null, recipients: 'none' });
  });
});

describe('describeReportJob', () => {
  it.each([
    [{ status: 'queued', stage: 'queued', progress: 0, error: null }, 'Queued'],
    [
      { status: 'queued', stage: 'waiting to retry', progress: 45, error: 'timeout' },
      'Queued: waiting to retry',
    ],
    [
      { status: 'running', stage: 'printing PDF', progress: 75.4, error: null },
      'Running: printing PDF (75 %)',
    ],
    [{ status: 'done', stage: 'done', progress: 100, error: null }, 'Done'],
    [
      { status: 'failed', stage: 'failed', progress: 45, error: 'collector is unavailable' },
      'Failed: collector is unavailable',
    ],
    [{ status: 'failed', stage: 'failed', progress: 45, error: null }, 'Failed: no reason given'],
  ] as const)('describes %o as "%s"', (job, text) => {
    expect(describeReportJob(job)).toBe(text);
  });
});

describe('parseEmailList', () => {
  it('takes one address per line, or separated by commas, semicolons or spaces, and drops blanks', () => {
    expect(parseEmailList(' a@x.test\n\nb@x.test, c@x.test;d@x.test  e@x.test \n')).toEqual([
      'a@x.test',
      'b@x.test',
      'c@x.test',
      'd@x.test',
      'e@x.test',
    ]);
    expect(parseEmailList('  \n ')).toEqual([]);
  });
});
