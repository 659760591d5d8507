import { CfnJson } from 'aws-cdk-lib';
import type * as eks from 'aws-cdk-lib/aws-eks';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as opensearch from 'aws-cdk-lib/aws-opensearchservice';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { chartServiceAccountName } from '../chartServiceAccountName';

/** WorkloadRolesProps names the cluster and the resources the Sightline pods use. */
export interface WorkloadRolesProps {
  readonly cluster: eks.Cluster;
  readonly archive: s3.IBucket;
  readonly search: opensearch.IDomain;
  /** The Helm release's namespace. */
  readonly namespace: string;
  /**
   * The Helm release's name: the chart names each ServiceAccount after it (`<release>-sightline-<service>`, or
   * `sightline-<service>` for release `sightline`), and a trust policy must name that account exactly.
   */
  readonly releaseName: string;
}

/**
 * WorkloadRoles are the IAM roles (IRSA) the Sightline Helm chart's service accounts assume: the collector's may
 * write archives and call OpenSearch, the reports service's may store PDFs. The Kubernetes service accounts
 * themselves belong to the chart, which puts each role's ARN on its account through
 * `<service>.serviceAccount.annotations` (`eks.amazonaws.com/role-arn`).
 */
export class WorkloadRoles extends Construct {
  readonly collector: iam.Role;
  readonly reports: iam.Role;

  constructor(scope: Construct, id: string, props: WorkloadRolesProps) {
    super(scope, id);
    const { namespace, releaseName } = props;
    this.collector = this.irsaRole(
      'Collector',
      props.cluster,
      namespace,
      chartServiceAccountName(releaseName, 'collector'),
    );
    props.archive.grantReadWrite(this.collector, 'collector/*');
    props.search.grantReadWrite(this.collector);

    this.reports = this.irsaRole(
      'Reports',
      props.cluster,
      namespace,
      chartServiceAccountName(releaseName, 'reports'),
    );
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
      description: `Sightline ${id.toLowerCase()} pods (IRSA ${namespace}/${serviceAccount})`,
      assumedBy: new iam.OpenIdConnectPrincipal(provider, { StringEquals: conditions }),
    });
  }
}
