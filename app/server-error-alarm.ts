/**
 * People hear when the API fails: an alarm on the API's 5xx answers, to an
 * SNS topic mailed to the configured address. The topic is encrypted with a
 * key of its own (CloudWatch cannot publish to a topic encrypted with the AWS
 * managed aws/sns key, whose policy cannot name it) and refuses publishing
 * over plain HTTP.
 */
import { CloudwatchMetricAlarm } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { SnsTopic } from "@cdktf/provider-aws/lib/sns-topic";
import { SnsTopicPolicy } from "@cdktf/provider-aws/lib/sns-topic-policy";
import { SnsTopicSubscription } from "@cdktf/provider-aws/lib/sns-topic-subscription";
import { Construct } from "constructs";
import type { AppEnvironment } from "../config/app-model.ts";
import { keyUsedThroughService } from "../stacks/key-policy.ts";
import { policyDocument, policyJson } from "../stacks/policy-document.ts";

export interface ServerErrorAlarmProps {
  readonly app: AppEnvironment;
  readonly name: string;
  readonly apiId: string;
  readonly stageName: string;
  readonly region: string;
  readonly accountId: string;
}

export class ServerErrorAlarm extends Construct {
  readonly topic: SnsTopic;
  readonly alarm: CloudwatchMetricAlarm;

  constructor(scope: Construct, id: string, props: ServerErrorAlarmProps) {
    super(scope, id);
    const { app, accountId } = props;
    const topicArn = `arn:aws:sns:${props.region}:${accountId}:${props.name}`;
    const alarmName = `${props.name}-server-errors`;
    const alarmArn = `arn:aws:cloudwatch:${props.region}:${accountId}:alarm:${alarmName}`;
    const key = new KmsKey(this, "key", {
      description: `Encrypts the ${app.environment} alarm topic ${props.name}`,
      enableKeyRotation: true,
      policy: policyJson(
        policyDocument(...keyUsedThroughService(accountId, props.region, "sns"), {
          Sid: "CloudWatchPublishesEncrypted",
          Effect: "Allow",
          Principal: { Service: "cloudwatch.amazonaws.com" },
          Action: ["kms:Decrypt", "kms:GenerateDataKey*"],
          Resource: "*",
          Condition: { StringEquals: { "aws:SourceAccount": accountId } },
        }),
      ),
      lifecycle: { preventDestroy: app.tableProtection },
    });
    this.topic = new SnsTopic(this, "topic", { name: props.name, kmsMasterKeyId: key.arn });
    new SnsTopicPolicy(this, "topic-policy", {
      arn: this.topic.arn,
      policy: policyJson(
        policyDocument(
          {
            Sid: "CloudWatchAlarmsPublish",
            Effect: "Allow",
            Principal: { Service: "cloudwatch.amazonaws.com" },
            Action: "sns:Publish",
            Resource: topicArn,
            // This alarm only: another alarm of the account cannot publish here.
            Condition: { StringEquals: { "aws:SourceAccount": accountId }, ArnLike: { "aws:SourceArn": alarmArn } },
          },
          { Sid: "DenyInsecureTransport", Effect: "Deny", Principal: "*", Action: "sns:*", Resource: topicArn, Condition: { Bool: { "aws:SecureTransport": "false" } } },
        ),
      ),
    });
    new SnsTopicSubscription(this, "mail", { topicArn: this.topic.arn, protocol: "email", endpoint: app.alarmEmail });

    this.alarm = new CloudwatchMetricAlarm(this, "alarm", {
      alarmName,
      alarmDescription: `The ${app.environment} API answered with server errors (5xx): look at the function's logs`,
      namespace: "AWS/ApiGateway",
      metricName: "5xx",
      dimensions: { ApiId: props.apiId, Stage: props.stageName },
      statistic: "Sum",
      period: 300,
      evaluationPeriods: 1,
      threshold: 1,
      comparisonOperator: "GreaterThanOrEqualToThreshold",
      treatMissingData: "notBreaching",
      alarmActions: [this.topic.arn],
      okActions: [this.topic.arn],
    });
  }
}
