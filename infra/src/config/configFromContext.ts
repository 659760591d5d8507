import { environments } from './environments';
import { InfraConfigError } from './InfraConfigError';
import type { EnvironmentName, SightlineConfig } from './SightlineConfig';

/** ContextReader is the part of a construct node that reads CDK context (`cdk.json` and `-c key=value`). */
export interface ContextReader {
  tryGetContext(key: string): unknown;
}

const ENVIRONMENT_NAMES: readonly EnvironmentName[] = ['dev', 'staging', 'prod'];
const CIDR = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/;
const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
const ACCOUNT = /^\d{12}$/;
const REGION = /^[a-z]{2}(-[a-z]+)+-\d$/;
const ROLE_ARN = /^arn:aws[\w-]*:iam::\d{12}:role\/[\w+=,.@/-]+$/;
const TAG_VALUE = /^[\w .:/=+\-@]{1,256}$/;
// Kubernetes namespaces are DNS labels; Helm release names are DNS labels of at most 53 characters.
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/**
 * configFromContext picks the stage named by the `env` context key (default `dev`) and applies the
 * deployment-specific overrides, failing fast with the offending key's name.
 */
export function configFromContext(context: ContextReader): SightlineConfig {
  const name = optionalString(context, 'env') ?? 'dev';
  if (!(ENVIRONMENT_NAMES as readonly string[]).includes(name)) {
    throw new InfraConfigError('env', `"${name}" is not one of ${ENVIRONMENT_NAMES.join(', ')}`);
  }
  const base = environments[name as EnvironmentName];

  const account = optionalString(context, 'account') ?? process.env.CDK_DEFAULT_ACCOUNT;
  if (account !== undefined && !ACCOUNT.test(account)) {
    throw new InfraConfigError('account', 'must be a 12-digit AWS account id');
  }
  const region = optionalString(context, 'region') ?? base.region;
  if (!REGION.test(region)) throw new InfraConfigError('region', `"${region}" is not an AWS region name`);
  const availabilityZones = optionalList(context, 'availabilityZones') ?? base.availabilityZones;
  if (
    availabilityZones !== undefined &&
    (availabilityZones.length !== 3 || availabilityZones.some((az) => !az.startsWith(region)))
  ) {
    throw new InfraConfigError('availabilityZones', `needs exactly three zones of ${region}`);
  }

  const costCenter = optionalString(context, 'costCenter') ?? base.costCenter;
  if (!TAG_VALUE.test(costCenter)) throw new InfraConfigError('costCenter', 'is not a valid tag value');

  const apiAllowedCidrs = optionalList(context, 'apiAllowedCidrs') ?? base.cluster.apiAllowedCidrs;
  for (const cidr of apiAllowedCidrs) {
    if (!isCidr(cidr)) throw new InfraConfigError('apiAllowedCidrs', `"${cidr}" is not an IPv4 CIDR`);
    // An open API server would defeat the point of restricting it; private-only is the way to say "none".
    if (cidr.endsWith('/0'))
      throw new InfraConfigError('apiAllowedCidrs', 'must not open the API to the internet');
  }
  const adminRoleArn = optionalString(context, 'adminRoleArn') ?? base.cluster.adminRoleArn;
  if (adminRoleArn !== undefined && !ROLE_ARN.test(adminRoleArn)) {
    throw new InfraConfigError('adminRoleArn', 'must be an IAM role ARN');
  }

  const notificationEmails = optionalList(context, 'budgetEmails') ?? base.budget.notificationEmails;
  for (const email of notificationEmails) {
    if (!EMAIL.test(email)) throw new InfraConfigError('budgetEmails', `"${email}" is not an e-mail address`);
  }
  const monthlyLimitUsd = optionalNumber(context, 'budgetLimitUsd') ?? base.budget.monthlyLimitUsd;
  if (!(monthlyLimitUsd > 0)) throw new InfraConfigError('budgetLimitUsd', 'must be a positive amount');

  const expireAfterDays = optionalNumber(context, 'archiveExpireAfterDays') ?? base.archive.expireAfterDays;
  if (!Number.isInteger(expireAfterDays) || expireAfterDays <= base.archive.glacierAfterDays) {
    throw new InfraConfigError(
      'archiveExpireAfterDays',
      `must be a whole number of days greater than the Glacier transition (${base.archive.glacierAfterDays})`,
    );
  }

  const namespace = optionalString(context, 'releaseNamespace') ?? base.workloads.namespace;
  if (!DNS_LABEL.test(namespace) || namespace.length > 63) {
    throw new InfraConfigError('releaseNamespace', `"${namespace}" is not a Kubernetes namespace name`);
  }
  const releaseName = optionalString(context, 'releaseName') ?? base.workloads.releaseName;
  if (!DNS_LABEL.test(releaseName) || releaseName.length > 53) {
    throw new InfraConfigError('releaseName', `"${releaseName}" is not a Helm release name`);
  }

  return {
    ...base,
    account,
    region,
    availabilityZones,
    costCenter,
    cluster: { ...base.cluster, apiAllowedCidrs, adminRoleArn },
    budget: { monthlyLimitUsd, notificationEmails },
    archive: { ...base.archive, expireAfterDays },
    workloads: { namespace, releaseName },
    activateCostAllocationTags:
      optionalBoolean(context, 'activateCostAllocationTags') ?? base.activateCostAllocationTags,
  };
}

function isCidr(value: string): boolean {
  const m = CIDR.exec(value);
  if (!m) return false;
  const octets = m.slice(1, 5).map(Number);
  return octets.every((o) => o <= 255) && Number(m[5]) <= 32;
}

function raw(context: ContextReader, key: string): unknown {
  const value = context.tryGetContext(key);
  return value === '' || value === null ? undefined : value;
}

function optionalString(context: ContextReader, key: string): string | undefined {
  const value = raw(context, key);
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw new InfraConfigError(key, 'must be a string');
  return value.trim();
}

// `-c key=a,b` arrives as a string while cdk.json can hold a real array; both are accepted.
function optionalList(context: ContextReader, key: string): string[] | undefined {
  const value = raw(context, key);
  if (value === undefined) return undefined;
  const items = typeof value === 'string' ? value.split(',') : value;
  if (!Array.isArray(items) || items.some((i) => typeof i !== 'string')) {
    throw new InfraConfigError(key, 'must be a comma-separated string or an array of strings');
  }
  return (items as string[]).map((i) => i.trim()).filter((i) => i !== '');
}

function optionalNumber(context: ContextReader, key: string): number | undefined {
  const value = raw(context, key);
  if (value === undefined) return undefined;
  const n = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : NaN;
  if (!Number.isFinite(n)) throw new InfraConfigError(key, 'must be a number');
  return n;
}

function optionalBoolean(context: ContextReader, key: string): boolean | undefined {
  const value = raw(context, key);
  if (value === undefined || typeof value === 'boolean') return value;
  if (value === 'true' || value === 'false') return value === 'true';
  throw new InfraConfigError(key, 'must be true or false');
}
