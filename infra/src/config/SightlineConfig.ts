import type { RetentionDays } from 'aws-cdk-lib/aws-logs';

/** EnvironmentName is one of the deployment stages Sightline ships to. */
export type EnvironmentName = 'dev' | 'staging' | 'prod';

/** NodeGroupSizing is the shape and bounds of one EKS managed node group. */
export interface NodeGroupSizing {
  readonly instanceTypes: readonly string[];
  readonly minSize: number;
  readonly desiredSize: number;
  readonly maxSize: number;
  /** Spot saves ~60 % but nodes can vanish with two minutes' notice, so only dev uses it. */
  readonly capacityType: 'ON_DEMAND' | 'SPOT';
}

/** SightlineConfig is everything that differs between dev, staging and prod, resolved before any construct is built. */
export interface SightlineConfig {
  readonly name: EnvironmentName;
  /** Undefined keeps the stack account-agnostic; the CLI's credentials then decide at deploy time. */
  readonly account: string | undefined;
  readonly region: string;
  /**
   * Three AZ names to pin; undefined takes the region's first three (`Fn::GetAZs`), which needs no
   * context lookup and keeps the template region-portable.
   */
  readonly availabilityZones: readonly string[] | undefined;
  readonly costCenter: string;
  /** Retain (and snapshot) stateful resources on stack deletion instead of destroying them. */
  readonly retainData: boolean;
  /** Retention of the EKS control-plane, PostgreSQL, Redis and OpenSearch log groups. */
  readonly logRetentionDays: RetentionDays;
  readonly network: {
    readonly cidr: string;
    /** One per AZ survives an AZ loss; one in total is the cheap dev trade-off. */
    readonly natGateways: number;
    readonly flowLogRetentionDays: RetentionDays;
  };
  readonly cluster: {
    /** Empty means the API server endpoint is private only. */
    readonly apiAllowedCidrs: readonly string[];
    /** An IAM role granted cluster-admin through an EKS access entry (for humans and CI). */
    readonly adminRoleArn: string | undefined;
    readonly systemNodes: NodeGroupSizing;
    readonly workloadNodes: NodeGroupSizing;
  };
  readonly database: {
    readonly instanceType: string;
    readonly allocatedStorageGiB: number;
    readonly maxAllocatedStorageGiB: number;
    readonly backupRetentionDays: number;
    readonly deletionProtection: boolean;
  };
  readonly cache: {
    readonly nodeType: string;
    readonly shards: number;
    readonly replicasPerShard: number;
    readonly snapshotRetentionDays: number;
  };
  readonly search: {
    readonly dataNodeInstanceType: string;
    readonly dataNodes: number;
    /** Undefined means no dedicated masters (dev); prod runs three. */
    readonly masterNodeInstanceType: string | undefined;
    readonly volumeSizeGiB: number;
    /** Multi-AZ with standby keeps a third of the data nodes idle for a 99.99 % SLA. */
    readonly multiAzWithStandby: boolean;
  };
  readonly archive: {
    readonly glacierAfterDays: number;
    readonly expireAfterDays: number;
  };
  readonly budget: {
    readonly monthlyLimitUsd: number;
    readonly notificationEmails: readonly string[];
  };
  /**
   * workloads says where the Helm chart runs: its namespace and release name fix the names of the ServiceAccounts
   * the IRSA roles trust (`system:serviceaccount:<namespace>:<release>-sightline-<service>`).
   */
  readonly workloads: {
    readonly namespace: string;
    readonly releaseName: string;
  };
  /** Cost-allocation tags can only be activated from the payer account, so member accounts switch this off. */
  readonly activateCostAllocationTags: boolean;
}
