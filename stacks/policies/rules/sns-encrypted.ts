import { type PolicyRule } from "../engine/rule.ts";

/** Messages are encrypted at rest. */
export const snsEncrypted: PolicyRule = {
  id: "sns-encrypted",
  description: "SNS topics are encrypted at rest with a KMS key (kms_master_key_id).",
  resourceTypes: ["aws_sns_topic"],
  check(topic) {
    const key = topic.config.kms_master_key_id;
    if (typeof key === "string" && key !== "") return undefined;
    return "is not encrypted (set kmsMasterKeyId to a customer managed key whose policy lets the publishers use it; CloudWatch alarms cannot use the AWS managed alias/aws/sns)";
  },
};
