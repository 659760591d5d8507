import { KubectlV35Layer } from '@aws-cdk/lambda-layer-kubectl-v35';
import { RemovalPolicy } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as eks from 'aws-cdk-lib/aws-eks';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { NodeGroupSizing } from '../config/SightlineConfig';

/** KubernetesClusterProps places the cluster in the network and sizes its node groups. */
export interface KubernetesClusterProps {
  readonly clusterName: string;
  readonly vpc: ec2.IVpc;
  readonly secretsKey: kms.IKey;
  readonly logKey: kms.IKey;
  readonly logRetentionDays: logs.RetentionDays;
  readonly apiAllowedCidrs: readonly string[];
  readonly adminRoleArn: string | undefined;
  readonly systemNodes: NodeGroupSizing;
  readonly workloadNodes: NodeGroupSizing;
  readonly retainData: boolean;
  readonly tags: Readonly<Record<string, string>>;
}

/**
 * KubernetesCluster is the EKS control plane (Kubernetes 1.35, secrets encrypted with KMS, audit logs on)
 * plus two managed node groups in the private subnets that admins reach through SSM Session Manager only:
 * no SSH key pair, no port 22, no bastion.
 */
export class KubernetesCluster extends Construct {
  readonly cluster: eks.Cluster;
  readonly nodeRole: iam.Role;
  readonly nodegroups: readonly eks.Nodegroup[];

  constructor(scope: Construct, id: string, props: KubernetesClusterProps) {
    super(scope, id);

    // EKS writes control-plane logs to this exact name; creating it first gives it retention and a CMK.
    const controlPlaneLogs = new logs.LogGroup(this, 'ControlPlaneLogs', {
      logGroupName: `/aws/eks/${props.clusterName}/cluster`,
      retention: props.logRetentionDays,
      encryptionKey: props.logKey,
      removalPolicy: props.retainData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });

    this.cluster = new eks.Cluster(this, 'Cluster', {
      clusterName: props.clusterName,
      version: eks.KubernetesVersion.V1_35,
      kubectlLayer: new KubectlV35Layer(this, 'KubectlLayer'),
      vpc: props.vpc,
      // Control-plane ENIs live next to the nodes, never in public subnets.
      vpcSubnets: [{ subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS }],
      endpointAccess:
        props.apiAllowedCidrs.length === 0
          ? eks.EndpointAccess.PRIVATE
          : eks.EndpointAccess.PUBLIC_AND_PRIVATE.onlyFrom(...props.apiAllowedCidrs),
      secretsEncryptionKey: props.secretsKey,
      authenticationMode: eks.AuthenticationMode.API_AND_CONFIG_MAP,
      clusterLogging: [
        eks.ClusterLoggingTypes.API,
        eks.ClusterLoggingTypes.AUDIT,
        eks.ClusterLoggingTypes.AUTHENTICATOR,
        eks.ClusterLoggingTypes.CONTROLLER_MANAGER,
        eks.ClusterLoggingTypes.SCHEDULER,
      ],
      // Node groups are added below with our own role and launch template.
      defaultCapacity: 0,
      tags: { ...props.tags },
    });
    this.cluster.node.addDependency(controlPlaneLogs);

    if (props.adminRoleArn !== undefined) {
      this.cluster.grantAccess('ClusterAdmins', props.adminRoleArn, [
        eks.AccessPolicy.fromAccessPolicyName('AmazonEKSClusterAdminPolicy', {
          accessScopeType: eks.AccessScopeType.CLUSTER,
        }),
      ]);
    }

    this.nodeRole = new iam.Role(this, 'NodeRole', {
      assumedBy: new iam.ServicePrincipal('ec2.amazonaws.com'),
      description: 'EKS worker nodes; admins open shells through SSM Session Manager',
      managedPolicies: [
        iam.ManagedPolicy.fromAwsManagedPolicyName('AmazonEKSWorkerNodePolicy'),
        iam.ManagedPolicy.fromAwsManagedPolicyName('AmazonEKS_CNI_Policy'),
        iam.ManagedPolicy.fromAwsManagedPolicyName('AmazonEC2ContainerRegistryReadOnly'),
        iam.ManagedPolicy.fromAwsManagedPolicyName('AmazonSSMManagedInstanceCore'),
      ],
    });

    const launchTemplate = new ec2.LaunchTemplate(this, 'NodeLaunchTemplate', {
      requireImdsv2: true,
      // A hop limit of 1 keeps pods from borrowing the node role; workloads get their own via IRSA.
      httpPutResponseHopLimit: 1,
      blockDevices: [
        {
          deviceName: '/dev/xvda',
          volume: ec2.BlockDeviceVolume.ebs(50, { encrypted: true, volumeType: ec2.EbsDeviceVolumeType.GP3 }),
        },
      ],
    });
    const launchTemplateSpec = {
      id: launchTemplate.launchTemplateId!,
      version: launchTemplate.latestVersionNumber,
    };

    const nodegroup = (
      name: string,
      sizing: NodeGroupSizing,
      labels: Record<string, string>,
    ): eks.Nodegroup =>
      this.cluster.addNodegroupCapacity(name, {
        nodeRole: this.nodeRole,
        launchTemplateSpec,
        subnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
        amiType: eks.NodegroupAmiType.AL2023_X86_64_STANDARD,
        instanceTypes: sizing.instanceTypes.map((t) => new ec2.InstanceType(t)),
        capacityType: sizing.capacityType === 'SPOT' ? eks.CapacityType.SPOT : eks.CapacityType.ON_DEMAND,
        minSize: sizing.minSize,
        desiredSize: sizing.desiredSize,
        maxSize: sizing.maxSize,
        labels,
        maxUnavailablePercentage: 33,
        enableNodeAutoRepair: true,
      });
    this.nodegroups = [
      nodegroup('SystemNodes', props.systemNodes, { 'sightline.io/pool': 'system' }),
      nodegroup('WorkloadNodes', props.workloadNodes, { 'sightline.io/pool': 'workloads' }),
    ];
  }
}
