import { chartServiceAccountName } from '../../infra/src/chartServiceAccountName';
import { chart } from './support/chart';
import { parseManifests } from './support/parseManifests';
import { tryRender } from './support/renderChart';
import { renderObjects } from './support/renderObjects';
import { runHelm } from './support/runHelm';

const SERVICES = ['gateway', 'auth', 'collector', 'alerting', 'api', 'dashboard', 'reports'];
const ROLE_ARN = 'eks.amazonaws.com/role-arn';

const serviceAccounts = (text: string) => parseManifests(text).filter((o) => o.kind === 'ServiceAccount');
const byComponent = (text: string, service: string) =>
  serviceAccounts(text).find((o) => o.metadata.labels?.['app.kubernetes.io/component'] === service)!;

describe('ServiceAccounts', () => {
  it('carry <service>.serviceAccount.annotations, so an IRSA role ARN reaches only that service', () => {
    const arn = 'arn:aws:iam::123456789012:role/Sightline-prod-WorkloadRolesCollector';
    const r = tryRender(
      [chart.valuesFile('dev')],
      [`collector.serviceAccount.annotations.eks\\.amazonaws\\.com/role-arn=${arn}`],
    );
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(byComponent(r.stdout, 'collector').metadata.annotations).toEqual({ [ROLE_ARN]: arn });
    expect(byComponent(r.stdout, 'collector').automountServiceAccountToken).toBe(false);
    for (const service of SERVICES.filter((s) => s !== 'collector'))
      expect([service, byComponent(r.stdout, service).metadata.annotations]).toEqual([service, undefined]);
  });

  it.each(['staging', 'prod'] as const)(
    'show in the %s values where the CDK role ARN outputs go, as a placeholder NOTES.txt warns about',
    (env) => {
      const accounts = renderObjects(env).filter((o) => o.kind === 'ServiceAccount');
      const annotated = Object.fromEntries(
        accounts
          .filter((o) => o.metadata.annotations !== undefined)
          .map((o) => [o.metadata.labels!['app.kubernetes.io/component'], o.metadata.annotations]),
      );
      const stack = `Sightline-${env}`;
      expect(annotated).toEqual({
        collector: { [ROLE_ARN]: `<CollectorRoleArn output of ${stack}>` },
        reports: { [ROLE_ARN]: `<ReportsRoleArn output of ${stack}>` },
      });
      const r = runHelm([
        'install',
        chart.release,
        chart.dir,
        '-n',
        chart.namespace,
        '--dry-run=client',
        '-f',
        chart.valuesFile(env),
      ]);
      expect(r.status).toBe(0);
      expect(r.stdout).toContain(
        `WARNING: collector.serviceAccount.annotations."${ROLE_ARN}" is still the placeholder\n  <CollectorRoleArn output of ${stack}>`,
      );
    },
  );

  it('have no annotation and no placeholder warning with the default values', () => {
    const rendered = tryRender([]);
    expect(rendered.status).toBe(0);
    expect(serviceAccounts(rendered.stdout).map((o) => o.metadata.annotations)).toEqual(
      SERVICES.map(() => undefined),
    );
    const installed = runHelm([
      'install',
      chart.release,
      chart.dir,
      '-n',
      chart.namespace,
      '--dry-run=client',
    ]);
    expect(installed.status).toBe(0);
    expect(installed.stdout.slice(installed.stdout.indexOf('NOTES:'))).not.toContain('WARNING');
  });

  it.each(['sightline', 'obs', 'sightline-prod', `${'a'.repeat(50)}-x`])(
    'are named for release %s exactly as the CDK app’s IRSA roles expect',
    (release) => {
      const r = runHelm([
        'template',
        release,
        chart.dir,
        '--namespace',
        chart.namespace,
        '--kube-version',
        chart.kubeVersion,
        '--values',
        chart.valuesFile('dev'),
      ]);
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      for (const service of ['collector', 'reports'])
        expect(byComponent(r.stdout, service).metadata.name).toBe(chartServiceAccountName(release, service));
    },
  );
});
