import { CfnResource, TagManager } from 'aws-cdk-lib';
import type { IAspect } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

// Resource types CDK's own providers create as untyped CfnResource, by the shape their Tags property takes.
const LIST_TAGGED = new Set(['AWS::Lambda::Function', 'AWS::IAM::Role']);
const MAP_TAGGED = new Set(['AWS::SSM::Parameter']);

/**
 * TagRawResources adds the cost tags to the taggable resources that `Tags.of()` cannot reach because CDK
 * creates them as plain CfnResource (custom-resource provider roles and functions, the kubectl barrier).
 */
export class TagRawResources implements IAspect {
  private readonly entries: [string, string][];

  constructor(tags: Readonly<Record<string, string>>) {
    this.entries = Object.entries(tags).sort(([a], [b]) => a.localeCompare(b));
  }

  visit(node: IConstruct): void {
    if (!CfnResource.isCfnResource(node) || TagManager.isTaggable(node) || TagManager.isTaggableV2(node))
      return;
    if (LIST_TAGGED.has(node.cfnResourceType)) {
      node.addPropertyOverride(
        'Tags',
        this.entries.map(([Key, Value]) => ({ Key, Value })),
      );
    } else if (MAP_TAGGED.has(node.cfnResourceType)) {
      node.addPropertyOverride('Tags', Object.fromEntries(this.entries));
    }
  }
}
