import * as cr from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';

/** CostAllocationTagActivationProps lists the user-defined tag keys to activate. */
export interface CostAllocationTagActivationProps {
  readonly tagKeys: readonly string[];
}

/**
 * CostAllocationTagActivation turns the given tag keys on as cost-allocation tags through the Cost
 * Explorer API, which CloudFormation has no resource for. It must run in the payer account, and AWS only
 * accepts keys it has already seen on a resource, so a first deploy may need a second one a day later.
 */
export class CostAllocationTagActivation extends Construct {
  constructor(scope: Construct, id: string, props: CostAllocationTagActivationProps) {
    super(scope, id);
    const call: cr.AwsSdkCall = {
      service: 'CostExplorer',
      action: 'UpdateCostAllocationTagsStatus',
      // Cost Explorer is a global service served from us-east-1 only.
      region: 'us-east-1',
      parameters: {
        CostAllocationTagsStatus: props.tagKeys.map((TagKey) => ({ TagKey, Status: 'Active' })),
      },
      physicalResourceId: cr.PhysicalResourceId.of('sightline-cost-allocation-tags'),
    };
    new cr.AwsCustomResource(this, 'Resource', {
      onCreate: call,
      onUpdate: call,
      policy: cr.AwsCustomResourcePolicy.fromSdkCalls({ resources: cr.AwsCustomResourcePolicy.ANY_RESOURCE }),
      installLatestAwsSdk: false,
    });
  }
}
