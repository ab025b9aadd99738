import { SnsTopic } from "@cdktf/provider-aws/lib/sns-topic";
import { describe, expect, it } from "vitest";
import { synthErrors } from "./helpers.ts";
import { tlsOnlyPolicy } from "./sns.fixture.ts";

describe("sns-encrypted", () => {
  it("passes a topic encrypted with a KMS key", () => {
    expect(synthErrors((s) => tlsOnlyPolicy(s, new SnsTopic(s, "topic", { name: "alarms", kmsMasterKeyId: "arn:aws:kms:eu-west-1:111111111111:key/k" })))).toEqual([]);
  });

  it("fails a topic without encryption", () => {
    expect(synthErrors((s) => tlsOnlyPolicy(s, new SnsTopic(s, "topic", { name: "alarms" })))).toEqual([
      "[test/topic] [sns-encrypted] aws_sns_topic.topic: is not encrypted (set kmsMasterKeyId to a customer managed key whose policy lets the publishers use it; CloudWatch alarms cannot use the AWS managed alias/aws/sns)",
    ]);
  });

  it("fails a topic whose key is written but empty", () => {
    expect(synthErrors((s) => tlsOnlyPolicy(s, new SnsTopic(s, "topic", { name: "alarms", kmsMasterKeyId: "" })))).toEqual([
      "[test/topic] [sns-encrypted] aws_sns_topic.topic: is not encrypted (set kmsMasterKeyId to a customer managed key whose policy lets the publishers use it; CloudWatch alarms cannot use the AWS managed alias/aws/sns)",
    ]);
  });
});
