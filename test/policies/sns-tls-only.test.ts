import { SnsTopic } from "@cdktf/provider-aws/lib/sns-topic";
import { describe, expect, it } from "vitest";
import { synthErrors, type PolicyTestStack } from "./helpers.ts";
import { denyWithoutTls, tlsOnlyPolicy, TOPIC_ARN } from "./sns.fixture.ts";

const topic = (s: PolicyTestStack) => new SnsTopic(s, "topic", { name: "alarms", kmsMasterKeyId: "arn:aws:kms:eu-west-1:111111111111:key/k" });
const FIX = 'add a statement denying Principal "*" sns:* on the topic when aws:SecureTransport is "false" to its aws_sns_topic_policy';

describe("sns-tls-only", () => {
  it("passes a topic whose policy denies every request without TLS", () => {
    expect(synthErrors((s) => tlsOnlyPolicy(s, topic(s)))).toEqual([]);
    expect(synthErrors((s) => tlsOnlyPolicy(s, topic(s), [{ ...denyWithoutTls(), Action: "sns:Publish" }]))).toEqual([]);
  });

  it("fails a topic without a policy", () => {
    expect(synthErrors((s) => topic(s))).toEqual([`[test/topic] [sns-tls-only] aws_sns_topic.topic: has no topic policy, so plain-HTTP requests are not refused (${FIX})`]);
  });

  it("fails a policy that only allows, and a TLS deny narrowed by another condition", () => {
    const allowOnly = { Effect: "Allow" as const, Principal: { Service: "cloudwatch.amazonaws.com" }, Action: "sns:Publish", Resource: TOPIC_ARN };
    const line = `[test/topic] [sns-tls-only] aws_sns_topic.topic: its topic policy does not deny requests made without TLS (${FIX})`;
    expect(synthErrors((s) => tlsOnlyPolicy(s, topic(s), [allowOnly]))).toEqual([line]);
    expect(synthErrors((s) => tlsOnlyPolicy(s, topic(s), [denyWithoutTls({ StringEquals: { "aws:SourceAccount": "222222222222" } })]))).toEqual([line]);
  });

  it("fails a TLS deny that is present but wrong: the condition's value, the actions, the principal", () => {
    const line = `[test/topic] [sns-tls-only] aws_sns_topic.topic: its topic policy does not deny requests made without TLS (${FIX})`;
    // "true" denies the requests that do use TLS, and lets plain HTTP through.
    expect(synthErrors((s) => tlsOnlyPolicy(s, topic(s), [{ ...denyWithoutTls(), Condition: { Bool: { "aws:SecureTransport": "true" } } }]))).toEqual([line]);
    expect(synthErrors((s) => tlsOnlyPolicy(s, topic(s), [{ ...denyWithoutTls(), Action: "sns:Subscribe" }]))).toEqual([line]);
    expect(synthErrors((s) => tlsOnlyPolicy(s, topic(s), [{ ...denyWithoutTls(), Principal: { AWS: "arn:aws:iam::111111111111:role/publisher" } }]))).toEqual([line]);
  });
});
