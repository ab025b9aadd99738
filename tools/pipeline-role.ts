/**
 * A role the pipelines enter an environment account through (the deploy and
 * drift roles), with its one managed policy. The policy is named after the
 * role because the protect-access-roles guardrail keeps `<role>*` policies
 * from getting new versions: what the role may do changes only through the
 * tools stack. Resources are created in the caller's scope, so their
 * addresses are the caller's.
 */
import { IamPolicy } from "@cdktf/provider-aws/lib/iam-policy";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import type { TerraformProvider } from "cdktf";
import type { Construct } from "constructs";
import { policyJson, type PolicyDocument } from "../stacks/policy-document.ts";

export interface PipelineRoleProps {
  readonly name: string;
  readonly description: string;
  readonly trust: PolicyDocument;
  readonly policyDescription: string;
  readonly policy: PolicyDocument;
  /** Aliased provider into the environment's account. */
  readonly provider: TerraformProvider;
}

export function pipelineRole(scope: Construct, props: PipelineRoleProps): IamRole {
  const role = new IamRole(scope, "role", {
    provider: props.provider,
    name: props.name,
    description: props.description,
    maxSessionDuration: 3600,
    assumeRolePolicy: policyJson(props.trust),
  });
  const policy = new IamPolicy(scope, "policy", { provider: props.provider, name: props.name, description: props.policyDescription, policy: policyJson(props.policy) });
  new IamRolePolicyAttachment(scope, "attachment", { provider: props.provider, role: role.name, policyArn: policy.arn });
  return role;
}
