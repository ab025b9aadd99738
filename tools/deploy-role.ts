/**
 * An environment's deploy role, in that environment's account, owned by the
 * tools stack (so a pipeline cannot rewrite its own permissions; the
 * protect-access-roles guardrail lets only the admin and break-glass roles
 * change it). It trusts exactly the Tools account's runner role for that
 * environment, by its full ARN, and nothing else.
 */
import { IamPolicy } from "@cdktf/provider-aws/lib/iam-policy";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import type { TerraformProvider } from "cdktf";
import { Construct } from "constructs";
import { deployRoleName } from "../naming/names.ts";
import { policyDocument, policyJson, type PolicyDocument } from "../stacks/policy-document.ts";

/** What the app stack creates (app/): the services its deploy needs, on any resource of them. */
export const APP_SERVICES = ["lambda", "apigateway", "dynamodb", "logs", "cloudwatch", "sns", "acm", "route53"] as const;

/** IAM changes the app stack makes: its own roles only (named <organization>-<environment>-...). */
const APP_ROLE_ACTIONS = [
  "iam:CreateRole",
  "iam:DeleteRole",
  "iam:GetRole",
  "iam:UpdateRole",
  "iam:TagRole",
  "iam:UntagRole",
  "iam:UpdateAssumeRolePolicy",
  "iam:PutRolePolicy",
  "iam:GetRolePolicy",
  "iam:DeleteRolePolicy",
  "iam:ListRolePolicies",
  "iam:ListAttachedRolePolicies",
  "iam:ListInstanceProfilesForRole",
  "iam:AttachRolePolicy",
  "iam:DetachRolePolicy",
  "iam:PassRole",
];

/** The deploy role's trust: the runner role of this environment, exactly. */
export function deployRoleTrust(runnerRoleArn: string, environment: string): PolicyDocument {
  return policyDocument({ Sid: `Trust${environment.replace(/[^A-Za-z0-9]/g, "")}Runner`, Effect: "Allow", Principal: { AWS: runnerRoleArn }, Action: "sts:AssumeRole" });
}

/** What the deploy role may do in its environment's account: the app's services, and IAM on the app's own roles. */
export function deployRolePolicy(accountId: string, appRolePrefix: string): PolicyDocument {
  return policyDocument(
    { Sid: "AppServices", Effect: "Allow", Action: APP_SERVICES.map((s) => `${s}:*`), Resource: "*" },
    { Sid: "AppRoles", Effect: "Allow", Action: APP_ROLE_ACTIONS, Resource: `arn:aws:iam::${accountId}:role/${appRolePrefix}*` },
    { Sid: "WhoAmI", Effect: "Allow", Action: ["sts:GetCallerIdentity", "tag:GetResources"], Resource: "*" },
  );
}

export interface DeployRoleProps {
  readonly environment: string;
  readonly accountId: string;
  /** The Tools account's runner role for this environment. */
  readonly runnerRoleArn: string;
  /** Roles the app stack creates start with this (<organization>-<environment>-). */
  readonly appRolePrefix: string;
  /** Aliased provider into the environment's account. */
  readonly provider: TerraformProvider;
}

export class DeployRole extends Construct {
  readonly role: IamRole;

  constructor(scope: Construct, id: string, props: DeployRoleProps) {
    super(scope, id);
    const name = deployRoleName(props.environment);
    this.role = new IamRole(this, "role", {
      provider: props.provider,
      name,
      description: `Deploys the ${props.environment} environment; assumed only by the Tools account's ${props.environment} runner`,
      maxSessionDuration: 3600,
      assumeRolePolicy: policyJson(deployRoleTrust(props.runnerRoleArn, props.environment)),
    });
    // A managed policy named after the role: the guardrail protects deploy-<env>* policies from new versions.
    const policy = new IamPolicy(this, "policy", {
      provider: props.provider,
      name,
      description: `What the ${props.environment} deploy may change`,
      policy: policyJson(deployRolePolicy(props.accountId, props.appRolePrefix)),
    });
    new IamRolePolicyAttachment(this, "attachment", { provider: props.provider, role: this.role.name, policyArn: policy.arn });
  }
}
