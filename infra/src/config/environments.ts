import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { EnvironmentName, SightlineConfig } from './SightlineConfig';

const region = 'eu-west-1';
// The deploy guide's release and namespace (helm upgrade --install sightline … -n sightline).
const workloads = { namespace: 'sightline', releaseName: 'sightline' };

/**
 * environments holds the built-in sizing of each stage; context keys (see configFromContext) override the
 * deployment-specific parts such as account, region, e-mails and CIDRs.
 */
export const environments: Readonly<Record<EnvironmentName, SightlineConfig>> = {
  dev: {
    name: 'dev',
    account: undefined,
    region,
    availabilityZones: undefined,
    costCenter: 'sre-platform',
    retainData: false,
    logRetentionDays: RetentionDays.TWO_WEEKS,
    network: { cidr: '10.20.0.0/16', natGateways: 1, flowLogRetentionDays: RetentionDays.TWO_WEEKS },
    cluster: {
      apiAllowedCidrs: [],
      adminRoleArn: undefined,
      systemNodes: {
        instanceTypes: ['t3.large'],
        minSize: 1,
        desiredSize: 1,
        maxSize: 2,
        capacityType: 'ON_DEMAND',
      },
      // Several interchangeable types so a Spot shortage in one pool does not stall scale-up.
      workloadNodes: {
        instanceTypes: ['t3.large', 't3a.large', 'm6i.large', 'm7i.large'],
        minSize: 1,
        desiredSize: 2,
        maxSize: 4,
        capacityType: 'SPOT',
      },
    },
    database: {
      instanceType: 'db.t4g.medium',
      allocatedStorageGiB: 20,
      maxAllocatedStorageGiB: 100,
      backupRetentionDays: 7,
      deletionProtection: false,
    },
    cache: { nodeType: 'cache.t4g.small', shards: 3, replicasPerShard: 1, snapshotRetentionDays: 1 },
    search: {
      dataNodeInstanceType: 't3.medium.search',
      dataNodes: 3,
      masterNodeInstanceType: undefined,
      volumeSizeGiB: 20,
      multiAzWithStandby: false,
    },
    archive: { glacierAfterDays: 30, expireAfterDays: 90 },
    budget: { monthlyLimitUsd: 800, notificationEmails: [] },
    workloads,
    activateCostAllocationTags: true,
  },
  staging: {
    name: 'staging',
    account: undefined,
    region,
    availabilityZones: undefined,
    costCenter: 'sre-platform',
    retainData: false,
    logRetentionDays: RetentionDays.ONE_MONTH,
    network: { cidr: '10.30.0.0/16', natGateways: 1, flowLogRetentionDays: RetentionDays.ONE_MONTH },
    cluster: {
      apiAllowedCidrs: [],
      adminRoleArn: undefined,
      systemNodes: {
        instanceTypes: ['m7i.large'],
        minSize: 2,
        desiredSize: 2,
        maxSize: 3,
        capacityType: 'ON_DEMAND',
      },
      workloadNodes: {
        instanceTypes: ['m7i.large'],
        minSize: 2,
        desiredSize: 3,
        maxSize: 6,
        capacityType: 'ON_DEMAND',
      },
    },
    database: {
      instanceType: 'db.r7g.large',
      allocatedStorageGiB: 50,
      maxAllocatedStorageGiB: 200,
      backupRetentionDays: 7,
      deletionProtection: false,
    },
    cache: { nodeType: 'cache.m7g.large', shards: 3, replicasPerShard: 1, snapshotRetentionDays: 3 },
    search: {
      dataNodeInstanceType: 'm6g.large.search',
      dataNodes: 3,
      masterNodeInstanceType: undefined,
      volumeSizeGiB: 50,
      multiAzWithStandby: false,
    },
    archive: { glacierAfterDays: 30, expireAfterDays: 180 },
    budget: { monthlyLimitUsd: 2500, notificationEmails: [] },
    workloads,
    activateCostAllocationTags: true,
  },
  prod: {
    name: 'prod',
    account: undefined,
    region,
    availabilityZones: undefined,
    costCenter: 'sre-platform',
    retainData: true,
    logRetentionDays: RetentionDays.THREE_MONTHS,
    network: { cidr: '10.40.0.0/16', natGateways: 3, flowLogRetentionDays: RetentionDays.ONE_YEAR },
    cluster: {
      apiAllowedCidrs: [],
      adminRoleArn: undefined,
      // One system node per AZ keeps CoreDNS and the autoscaler alive through an AZ outage.
      systemNodes: {
        instanceTypes: ['m7i.large'],
        minSize: 3,
        desiredSize: 3,
        maxSize: 4,
        capacityType: 'ON_DEMAND',
      },
      workloadNodes: {
        instanceTypes: ['m7i.xlarge'],
        minSize: 3,
        desiredSize: 3,
        maxSize: 12,
        capacityType: 'ON_DEMAND',
      },
    },
    database: {
      instanceType: 'db.r7g.xlarge',
      allocatedStorageGiB: 100,
      maxAllocatedStorageGiB: 1000,
      backupRetentionDays: 14,
      deletionProtection: true,
    },
    cache: { nodeType: 'cache.r7g.large', shards: 3, replicasPerShard: 2, snapshotRetentionDays: 7 },
    search: {
      dataNodeInstanceType: 'r6g.large.search',
      dataNodes: 3,
      masterNodeInstanceType: 'm6g.large.search',
      volumeSizeGiB: 200,
      multiAzWithStandby: true,
    },
    archive: { glacierAfterDays: 30, expireAfterDays: 730 },
    budget: { monthlyLimitUsd: 5000, notificationEmails: [] },
    workloads,
    activateCostAllocationTags: true,
  },
};
