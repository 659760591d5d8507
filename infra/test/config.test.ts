import { configFromContext } from '../src/config/configFromContext';
import type { ContextReader } from '../src/config/configFromContext';
import { environments } from '../src/config/environments';
import { InfraConfigError } from '../src/config/InfraConfigError';
import type { EnvironmentName } from '../src/config/SightlineConfig';
import { chartServiceAccountName } from '../src/chartServiceAccountName';
import { costTags } from '../src/costTags';
import { instanceSizeRank } from './support/instanceSizeRank';

const context = (values: Record<string, unknown>): ContextReader => ({ tryGetContext: (key) => values[key] });
const NAMES: EnvironmentName[] = ['dev', 'staging', 'prod'];

const configError = (values: Record<string, unknown>): InfraConfigError => {
  try {
    configFromContext(context(values));
  } catch (error) {
    expect(error).toBeInstanceOf(InfraConfigError);
    return error as InfraConfigError;
  }
  throw new Error('configFromContext accepted invalid context');
};

let savedAccount: string | undefined;
beforeAll(() => {
  // The CDK CLI exports the caller's account; these tests must not depend on who runs them.
  savedAccount = process.env.CDK_DEFAULT_ACCOUNT;
  delete process.env.CDK_DEFAULT_ACCOUNT;
});
afterAll(() => {
  if (savedAccount !== undefined) process.env.CDK_DEFAULT_ACCOUNT = savedAccount;
});

describe('configFromContext', () => {
  test('without an env key it builds dev, account-agnostic, with the built-in sizing', () => {
    expect(configFromContext(context({}))).toEqual({ ...environments.dev, account: undefined });
  });

  test.each(NAMES)('env=%s selects that stage', (name) => {
    expect(configFromContext(context({ env: name })).name).toBe(name);
  });

  test('an unknown env names the key and the accepted values', () => {
    const error = configError({ env: 'production' });
    expect(error.key).toBe('env');
    expect(error.message).toBe('context "env": "production" is not one of dev, staging, prod');
    expect(error.name).toBe('InfraConfigError');
  });

  test('comma-separated strings from -c and arrays from cdk.json both become lists', () => {
    const fromCli = configFromContext(
      context({ budgetEmails: 'a@x.example, b@x.example', apiAllowedCidrs: '10.0.0.0/8' }),
    );
    const fromJson = configFromContext(
      context({ budgetEmails: ['a@x.example', 'b@x.example'], apiAllowedCidrs: ['10.0.0.0/8'] }),
    );
    expect(fromCli.budget.notificationEmails).toEqual(['a@x.example', 'b@x.example']);
    expect(fromCli.cluster.apiAllowedCidrs).toEqual(['10.0.0.0/8']);
    expect(fromJson).toEqual(fromCli);
  });

  test('numbers and booleans given as strings on the command line are parsed', () => {
    const config = configFromContext(
      context({
        env: 'prod',
        budgetLimitUsd: '12000',
        archiveExpireAfterDays: '400',
        activateCostAllocationTags: 'false',
      }),
    );
    expect(config.budget.monthlyLimitUsd).toBe(12000);
    expect(config.archive.expireAfterDays).toBe(400);
    expect(config.activateCostAllocationTags).toBe(false);
  });

  test('the account comes from context first, then from CDK_DEFAULT_ACCOUNT', () => {
    expect(configFromContext(context({ account: '111122223333' })).account).toBe('111122223333');
    process.env.CDK_DEFAULT_ACCOUNT = '444455556666';
    try {
      expect(configFromContext(context({})).account).toBe('444455556666');
    } finally {
      delete process.env.CDK_DEFAULT_ACCOUNT;
    }
  });

  test('pinned availability zones must be three zones of the chosen region', () => {
    const pinned = ['us-east-1a', 'us-east-1b', 'us-east-1d'];
    expect(
      configFromContext(context({ region: 'us-east-1', availabilityZones: pinned.join(',') }))
        .availabilityZones,
    ).toEqual(pinned);
    expect(configError({ region: 'us-east-1', availabilityZones: 'us-east-1a,us-east-1b' }).key).toBe(
      'availabilityZones',
    );
    expect(configError({ availabilityZones: pinned }).key).toBe('availabilityZones');
  });

  test.each([
    [{ account: '1234' }, 'account'],
    [{ region: 'Europe' }, 'region'],
    [{ apiAllowedCidrs: '10.0.0.0/33' }, 'apiAllowedCidrs'],
    [{ apiAllowedCidrs: '0.0.0.0/0' }, 'apiAllowedCidrs'],
    [{ adminRoleArn: 'admins' }, 'adminRoleArn'],
    [{ budgetEmails: 'finops' }, 'budgetEmails'],
    [{ budgetLimitUsd: '-5' }, 'budgetLimitUsd'],
    [{ budgetLimitUsd: 'lots' }, 'budgetLimitUsd'],
    [{ archiveExpireAfterDays: '30' }, 'archiveExpireAfterDays'],
    [{ archiveExpireAfterDays: '90.5' }, 'archiveExpireAfterDays'],
    [{ activateCostAllocationTags: 'yes' }, 'activateCostAllocationTags'],
    [{ costCenter: 'a'.repeat(300) }, 'costCenter'],
    [{ env: 7 }, 'env'],
    [{ releaseName: 'Sightline_Prod' }, 'releaseName'],
    [{ releaseName: 'a'.repeat(54) }, 'releaseName'],
    [{ releaseNamespace: '-sightline' }, 'releaseNamespace'],
  ])('rejects %j and names the key %s', (values, key) => {
    expect(configError(values).key).toBe(key);
  });

  test('the Helm release defaults to sightline in namespace sightline, and context keys override both', () => {
    expect(configFromContext(context({ env: 'prod' })).workloads).toEqual({
      namespace: 'sightline',
      releaseName: 'sightline',
    });
    expect(
      configFromContext(context({ releaseName: 'obs', releaseNamespace: 'observability' })).workloads,
    ).toEqual({ namespace: 'observability', releaseName: 'obs' });
  });
});

describe('chartServiceAccountName', () => {
  test.each([
    ['sightline', 'collector', 'sightline-collector'],
    ['obs', 'collector', 'obs-sightline-collector'],
    ['sightline-prod', 'reports', 'sightline-prod-reports'],
    ['my-sightline', 'reports', 'my-sightline-reports'],
    [`${'a'.repeat(50)}-x`, 'reports', `${'a'.repeat(50)}-x-sightline`],
  ])('release %s names the %s ServiceAccount %s, as the chart does', (release, service, name) => {
    expect(chartServiceAccountName(release, service)).toBe(name);
  });
});

describe('built-in stage sizing', () => {
  test.each(NAMES)(
    '%s keeps the availability guarantees: 3+ shards with replicas, 7+ days of backups, 3 AZs of search nodes',
    (name) => {
      const env = environments[name];
      expect(env.cache.shards).toBeGreaterThanOrEqual(3);
      expect(env.cache.replicasPerShard).toBeGreaterThanOrEqual(1);
      expect(env.database.backupRetentionDays).toBeGreaterThanOrEqual(7);
      expect(env.search.dataNodes % 3).toBe(0);
      expect(env.archive.expireAfterDays).toBeGreaterThan(env.archive.glacierAfterDays);
    },
  );

  test('only prod turns on deletion protection and keeps data when the stack is deleted', () => {
    expect(NAMES.filter((n) => environments[n].database.deletionProtection)).toEqual(['prod']);
    expect(NAMES.filter((n) => environments[n].retainData)).toEqual(['prod']);
  });

  test('instance sizes and budgets grow from dev to staging to prod', () => {
    const [dev, staging, prod] = NAMES.map((n) => environments[n]);
    for (const pick of [
      (e: typeof dev) => e!.database.instanceType,
      (e: typeof dev) => e!.cache.nodeType,
      (e: typeof dev) => e!.search.dataNodeInstanceType,
    ]) {
      expect(instanceSizeRank(pick(dev))).toBeLessThanOrEqual(instanceSizeRank(pick(staging)));
      expect(instanceSizeRank(pick(staging))).toBeLessThanOrEqual(instanceSizeRank(pick(prod)));
      expect(instanceSizeRank(pick(dev))).toBeLessThan(instanceSizeRank(pick(prod)));
    }
    expect(dev!.budget.monthlyLimitUsd).toBeLessThan(staging!.budget.monthlyLimitUsd);
    expect(staging!.budget.monthlyLimitUsd).toBeLessThan(prod!.budget.monthlyLimitUsd);
  });
});

describe('costTags', () => {
  test('names the project, the stage and the cost centre', () => {
    expect(costTags({ name: 'staging', costCenter: 'cc-42' })).toEqual({
      Project: 'sightline',
      Environment: 'staging',
      CostCenter: 'cc-42',
    });
  });
});

describe('instanceSizeRank', () => {
  test('orders named sizes and multiples of xlarge across RDS, ElastiCache and OpenSearch names', () => {
    const sizes = [
      'db.t4g.micro',
      'cache.t4g.small',
      't3.medium.search',
      'db.r7g.large',
      'cache.r7g.xlarge',
      'r6g.2xlarge.search',
      'db.r7g.12xlarge',
    ];
    const ranks = sizes.map(instanceSizeRank);
    expect([...ranks].sort((a, b) => a - b)).toEqual(ranks);
    expect(new Set(ranks).size).toBe(sizes.length);
    expect(() => instanceSizeRank('db.weird')).toThrow('unknown instance size');
  });
});
