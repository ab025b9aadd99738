import { conditionValues, LITERAL_POLICY_HINT, parsePolicy } from "../engine/iam-json.ts";
import { type PolicyRule } from "../engine/rule.ts";

/** A topic refuses every request made without TLS. */
export const snsTlsOnly: PolicyRule = {
  id: "sns-tls-only",
  description: 'Every SNS topic has a topic policy that denies all principals sns:* (or sns:Publish) when "aws:SecureTransport" is false, and under no other condition.',
  resourceTypes: ["aws_sns_topic"],
  check(topic, stack) {
    const policies = [...stack.attachedTo(topic, "aws_sns_topic_policy", ["arn", "id"], "arn").map((p) => p.config.policy), ...(topic.config.policy !== undefined ? [topic.config.policy] : [])];
    const fix = 'add a statement denying Principal "*" sns:* on the topic when aws:SecureTransport is "false" to its aws_sns_topic_policy';
    if (policies.length === 0) return `has no topic policy, so plain-HTTP requests are not refused (${fix})`;
    for (const text of policies) {
      const parsed = parsePolicy(text);
      if ("error" in parsed) return `its topic policy ${parsed.error}, so TLS-only access cannot be checked (${LITERAL_POLICY_HINT})`;
      const denies = parsed.statements.some(
        (s) =>
          s.effect === "Deny" &&
          s.principals.anyone &&
          s.actions.some((a) => ["*", "sns:*", "sns:publish"].includes(a.toLowerCase())) &&
          conditionValues(s, ["Bool"], (k) => k === "aws:securetransport").includes("false") &&
          Object.values(s.conditions).reduce((n, keys) => n + Object.keys(keys).length, 0) === 1,
      );
      if (denies) return undefined;
    }
    return `its topic policy does not deny requests made without TLS (${fix})`;
  },
};
