/** Where IAM policy documents sit in synthesized resources. */
import { blocks } from "./rule.ts";
import type { ResourceView } from "./view.ts";

/** Identity policies: the document(s) a resource grants, labelled for messages. */
export function identityPolicies(resource: ResourceView): { label: string; text: unknown }[] {
  if (resource.type === "aws_iam_role") {
    return blocks(resource.config.inline_policy)
      .filter((p) => p.policy !== undefined)
      .map((p) => ({ label: `inline policy ${typeof p.name === "string" ? `"${p.name}"` : ""}`.trim(), text: p.policy }));
  }
  return resource.config.policy === undefined ? [] : [{ label: "policy", text: resource.config.policy }];
}

/** Resource types whose `assume_role_policy` is a trust policy. */
export const TRUST_POLICY_TYPES = ["aws_iam_role"] as const;

/** How a statement is named in a message: its Sid, or its position. */
export function statementLabel(sid: string | undefined, index: number): string {
  return sid === undefined ? `statement ${index + 1}` : `statement "${sid}"`;
}
