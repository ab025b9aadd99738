import { SnsTopic } from "@cdktf/provider-aws/lib/sns-topic";
import { SnsTopicPolicy } from "@cdktf/provider-aws/lib/sns-topic-policy";
import { Fn } from "cdktf";
import { describe, expect, it } from "vitest";
import { policyDocument, policyJson } from "../../stacks/policy-document.ts";
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

  it("fails more shapes that look right: an Allow of the deny's shape, a deny on another Bool key", () => {
    const line = `[test/topic] [sns-tls-only] aws_sns_topic.topic: its topic policy does not deny requests made without TLS (${FIX})`;
    expect(synthErrors((s) => tlsOnlyPolicy(s, topic(s), [{ ...denyWithoutTls(), Effect: "Allow" }]))).toEqual([line]);
    expect(synthErrors((s) => tlsOnlyPolicy(s, topic(s), [{ ...denyWithoutTls(), Condition: { Bool: { "aws:ViaAWSService": "false" } } }]))).toEqual([line]);
  });

  it("passes the deny written with every action (*), or with sns:Publish among other actions", () => {
    expect(synthErrors((s) => tlsOnlyPolicy(s, topic(s), [{ ...denyWithoutTls(), Action: "*" }]))).toEqual([]);
    expect(synthErrors((s) => tlsOnlyPolicy(s, topic(s), [{ ...denyWithoutTls(), Action: ["sns:Subscribe", "sns:Publish"] }]))).toEqual([]);
  });

  it("reads the policy set on the topic itself, and a topic policy that names the topic by its id", () => {
    expect(synthErrors((s) => new SnsTopic(s, "topic", { name: "alarms", kmsMasterKeyId: "arn:aws:kms:eu-west-1:111111111111:key/k", policy: policyJson(policyDocument(denyWithoutTls())) }))).toEqual(
      [],
    );
    expect(
      synthErrors((s) => {
        const t = topic(s);
        new SnsTopicPolicy(s, "topic-policy", { arn: t.id, policy: policyJson(policyDocument(denyWithoutTls())) });
      }),
    ).toEqual([]);
  });

  it("fails a topic policy it cannot read at synth time, saying how to make it checkable", () => {
    expect(synthErrors((s) => new SnsTopicPolicy(s, "topic-policy", { arn: topic(s).arn, policy: Fn.jsonencode({ Statement: [] }) }))).toEqual([
      "[test/topic] [sns-tls-only] aws_sns_topic.topic: its topic policy is not literal JSON, so TLS-only access cannot be checked (build it as literal JSON with policyDocument() from stacks/policy-document.ts so it can be checked at synth time)",
    ]);
  });
});
