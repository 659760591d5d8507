import * as budgets from 'aws-cdk-lib/aws-budgets';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import { Stack } from 'aws-cdk-lib';
import { Construct } from 'constructs';

/** CostControlsProps sets the monthly limit and who hears about it. */
export interface CostControlsProps {
  readonly environment: string;
  readonly monthlyLimitUsd: number;
  readonly notificationEmails: readonly string[];
  readonly topicKey: kms.IKey;
}

/**
 * CostControls is a monthly AWS cost budget for this stage's tagged resources that warns at 80 % of actual
 * spend and at 100 % of forecast spend, by e-mail and through an SNS topic other tools can subscribe to.
 */
export class CostControls extends Construct {
  readonly budget: budgets.CfnBudget;
  readonly topic: sns.Topic;

  constructor(scope: Construct, id: string, props: CostControlsProps) {
    super(scope, id);
    this.topic = new sns.Topic(this, 'AlertTopic', {
      displayName: `Sightline ${props.environment} budget alerts`,
      masterKey: props.topicKey,
      enforceSSL: true,
    });
    this.topic.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowBudgetsToPublish',
        principals: [new iam.ServicePrincipal('budgets.amazonaws.com')],
        actions: ['sns:Publish'],
        resources: [this.topic.topicArn],
        conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(this).account } },
      }),
    );
    for (const email of props.notificationEmails) {
      this.topic.addSubscription(new subscriptions.EmailSubscription(email));
    }

    const subscribers: budgets.CfnBudget.SubscriberProperty[] = [
      { subscriptionType: 'SNS', address: this.topic.topicArn },
      ...props.notificationEmails.map((address) => ({ subscriptionType: 'EMAIL', address })),
    ];
    const notify = (
      notificationType: 'ACTUAL' | 'FORECASTED',
      threshold: number,
    ): budgets.CfnBudget.NotificationWithSubscribersProperty => ({
      notification: {
        notificationType,
        comparisonOperator: 'GREATER_THAN',
        threshold,
        thresholdType: 'PERCENTAGE',
      },
      subscribers,
    });

    this.budget = new budgets.CfnBudget(this, 'MonthlyBudget', {
      budget: {
        budgetName: `sightline-${props.environment}-monthly`,
        budgetType: 'COST',
        timeUnit: 'MONTHLY',
        budgetLimit: { amount: props.monthlyLimitUsd, unit: 'USD' },
        // Only this stage's spend (both tags must match); it counts once the cost-allocation tags are active.
        filterExpression: {
          and: [
            { tags: { key: 'Project', values: ['sightline'], matchOptions: ['EQUALS'] } },
            { tags: { key: 'Environment', values: [props.environment], matchOptions: ['EQUALS'] } },
          ],
        },
      },
      notificationsWithSubscribers: [notify('ACTUAL', 80), notify('FORECASTED', 100)],
    });
    this.budget.node.addDependency(this.topic);
  }
}
