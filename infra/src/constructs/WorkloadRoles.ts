import { CfnJson } from 'aws-cdk-lib';
import type * as eks from 'aws-cdk-lib/aws-eks';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as opensearch from 'aws-cdk-lib/aws-opensearchservice';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';

/** WorkloadRolesProps names the cluster and the resources the Sightline pods use. */
export interface WorkloadRolesProps {
  readonly cluster: eks.Cluster;
  readonly archive: s3.IBucket;
  readonly search: opensearch.IDomain;
  /** The Helm release's namespace; the chart's service accounts carry the role ARNs as annotations. */
  readonly namespace?: string;
}

/**
 * WorkloadRoles are the IAM roles (IRSA) the Sightline Helm chart's service accounts assume: the collector
 * writes archives and exports to OpenSearch, the report job stores PDFs. The Kubernetes service accounts
 * themselves belong to the chart.
 */
export class WorkloadRoles extends Construct {
  readonly collector: iam.Role;
  readonly reports: iam.Role;

  constructor(scope: Construct, id: string, props: WorkloadRolesProps) {
    super(scope, id);
    const namespace = props.namespace ?? 'sightline';
    this.collector = this.irsaRole('Collector', props.cluster, namespace, 'collector');
    props.archive.grantReadWrite(this.collector, 'collector/*');
    props.search.grantReadWrite(this.collector);

    this.reports = this.irsaRole('Reports', props.cluster, namespace, 'reports');
    props.archive.grantReadWrite(this.reports, 'reports/*');
  }

  private irsaRole(id: string, cluster: eks.Cluster, namespace: string, serviceAccount: string): iam.Role {
    const provider = cluster.openIdConnectProvider;
    const issuer = provider.openIdConnectProviderIssuer;
    // The issuer is only known at deploy time, and condition keys cannot hold tokens; CfnJson defers them.
    const conditions = new CfnJson(this, `${id}TrustConditions`, {
      value: {
        [`${issuer}:aud`]: 'sts.amazonaws.com',
        [`${issuer}:sub`]: `system:serviceaccount:${namespace}:${serviceAccount}`,
      },
    });
    return new iam.Role(this, id, {
      description: `Sightline ${serviceAccount} pods (IRSA ${namespace}/${serviceAccount})`,
      assumedBy: new iam.OpenIdConnectPrincipal(provider, { StringEquals: conditions }),
    });
  }
}
