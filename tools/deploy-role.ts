/**
 * An environment's deploy role, in that environment's account, owned by the
 * tools stack (so a pipeline cannot rewrite its own permissions; the
 * protect-access-roles guardrail lets only the admin and break-glass roles
 * change it). It trusts exactly the Tools account's runner role for that
 * environment, by its full ARN, and nothing else.
 */
import type { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import type { TerraformProvider } from "cdktf";
import { Construct } from "constructs";
import { deployRoleName } from "../naming/names.ts";
import { policyDocument, type PolicyDocument } from "../stacks/policy-document.ts";
import { pipelineRole } from "./pipeline-role.ts";

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
    this.role = pipelineRole(this, {
      name: deployRoleName(props.environment),
      description: `Deploys the ${props.environment} environment; assumed only by the Tools account's ${props.environment} runner`,
      trust: deployRoleTrust(props.runnerRoleArn, props.environment),
      policyDescription: `What the ${props.environment} deploy may change`,
      policy: deployRolePolicy(props.accountId, props.appRolePrefix),
      provider: props.provider,
    });
  }
}
