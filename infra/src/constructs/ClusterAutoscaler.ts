import { Stack } from 'aws-cdk-lib';
import type * as eks from 'aws-cdk-lib/aws-eks';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';

/** ClusterAutoscalerProps names the cluster whose managed node groups are scaled. */
export interface ClusterAutoscalerProps {
  readonly cluster: eks.Cluster;
  readonly clusterName: string;
}

// The autoscaler's minor version must match the cluster's; chart 9.54+ ships 1.35, the tag pins it.
const CHART_VERSION = '9.56.0';
const IMAGE_TAG = 'v1.35.0';
const NAMESPACE = 'kube-system';
const SERVICE_ACCOUNT = 'cluster-autoscaler';

/**
 * ClusterAutoscaler installs the Kubernetes Cluster Autoscaler Helm chart with an IRSA service account
 * whose IAM role may resize only the auto-scaling groups tagged as owned by this cluster.
 */
export class ClusterAutoscaler extends Construct {
  readonly serviceAccount: eks.ServiceAccount;

  constructor(scope: Construct, id: string, props: ClusterAutoscalerProps) {
    super(scope, id);
    this.serviceAccount = props.cluster.addServiceAccount('ServiceAccount', {
      name: SERVICE_ACCOUNT,
      namespace: NAMESPACE,
    });
    // EKS managed node groups tag their ASGs with k8s.io/cluster-autoscaler/<name>=owned.
    this.serviceAccount.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ['autoscaling:SetDesiredCapacity', 'autoscaling:TerminateInstanceInAutoScalingGroup'],
        resources: ['*'],
        conditions: {
          StringEquals: { [`aws:ResourceTag/k8s.io/cluster-autoscaler/${props.clusterName}`]: 'owned' },
        },
      }),
    );
    this.serviceAccount.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: [
          'autoscaling:DescribeAutoScalingGroups',
          'autoscaling:DescribeAutoScalingInstances',
          'autoscaling:DescribeLaunchConfigurations',
          'autoscaling:DescribeScalingActivities',
          'autoscaling:DescribeTags',
          'ec2:DescribeImages',
          'ec2:DescribeInstanceTypes',
          'ec2:DescribeLaunchTemplateVersions',
          'ec2:GetInstanceTypesFromInstanceRequirements',
          'eks:DescribeNodegroup',
        ],
        resources: ['*'],
      }),
    );

    const chart = props.cluster.addHelmChart('Chart', {
      chart: 'cluster-autoscaler',
      repository: 'https://kubernetes.github.io/autoscaler',
      version: CHART_VERSION,
      release: 'cluster-autoscaler',
      namespace: NAMESPACE,
      values: {
        cloudProvider: 'aws',
        awsRegion: Stack.of(this).region,
        autoDiscovery: { clusterName: props.clusterName },
        image: { tag: IMAGE_TAG },
        rbac: { serviceAccount: { create: false, name: SERVICE_ACCOUNT } },
        nodeSelector: { 'sightline.io/pool': 'system' },
        extraArgs: {
          'balance-similar-node-groups': true,
          'skip-nodes-with-system-pods': false,
          expander: 'least-waste',
        },
      },
    });
    // The chart's pods must find their service account (and its role) already in place.
    chart.node.addDependency(this.serviceAccount);
  }
}
