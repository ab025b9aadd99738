/** SNS topic policies for the SNS rules' tests. */
import type { SnsTopic } from "@cdktf/provider-aws/lib/sns-topic";
import { SnsTopicPolicy } from "@cdktf/provider-aws/lib/sns-topic-policy";
import type { Construct } from "constructs";
import { policyDocument, policyJson, type PolicyStatement } from "../../stacks/policy-document.ts";

export const TOPIC_ARN = "arn:aws:sns:eu-west-1:111111111111:alarms";

export function denyWithoutTls(extra: Record<string, Record<string, string>> = {}): PolicyStatement {
  return { Sid: "DenyInsecureTransport", Effect: "Deny", Principal: "*", Action: "sns:*", Resource: TOPIC_ARN, Condition: { Bool: { "aws:SecureTransport": "false" }, ...extra } };
}

export function tlsOnlyPolicy(scope: Construct, topic: SnsTopic, statements: PolicyStatement[] = [denyWithoutTls()]): SnsTopicPolicy {
  return new SnsTopicPolicy(scope, "topic-policy", { arn: topic.arn, policy: policyJson(policyDocument(...statements)) });
}
