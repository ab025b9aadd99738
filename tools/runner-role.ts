/**
 * A role in the Tools account that runs one kind of build: an environment's
 * deploy, the pull-request preview or the drift check. Who may assume it is
 * the caller's choice (CodeBuild, or GitHub's OIDC provider for one exact
 * ref); what it may do is the statements it is given.
 */
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { Construct } from "constructs";
import { roleArn } from "../naming/names.ts";
import { policyDocument, policyJson, type PolicyDocument, type PolicyStatement } from "../stacks/policy-document.ts";

/** Trust for a role an AWS service assumes on this account's behalf only (the confused-deputy guard). */
export function serviceTrust(service: string, accountId: string): PolicyDocument {
  return policyDocument({
    Sid: "TrustService",
    Effect: "Allow",
    Principal: { Service: service },
    Action: "sts:AssumeRole",
    Condition: { StringEquals: { "aws:SourceAccount": accountId } },
  });
}

export interface RunnerRoleProps {
  readonly accountId: string;
  readonly name: string;
  readonly description: string;
  readonly trust: PolicyDocument;
  readonly statements: readonly PolicyStatement[];
}

export class RunnerRole extends Construct {
  readonly role: IamRole;
  readonly arn: string;

  constructor(scope: Construct, id: string, props: RunnerRoleProps) {
    super(scope, id);
    this.role = new IamRole(this, "role", { name: props.name, description: props.description, maxSessionDuration: 3600, assumeRolePolicy: policyJson(props.trust) });
    // From the name, not the resource: the deploy roles' trust policies need it as a literal at synth time.
    this.arn = roleArn(props.accountId, props.name);
    new IamRolePolicy(this, "policy", { role: this.role.name, name: "runs", policy: policyJson(policyDocument(...props.statements)) });
  }
}
