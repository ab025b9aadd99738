/**
 * An environment's drift role, in that environment's account, owned by the
 * tools stack: what the scheduled drift check plans the app stack through.
 * It trusts exactly the Tools account's drift runner and may only read what
 * the app stack's plan refreshes, so a drift run can change nothing (and
 * reads no table items or secrets). The protect-access-roles guardrail keeps
 * it as the tools stack wrote it.
 */
import type { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import type { TerraformProvider } from "cdktf";
import { Construct } from "constructs";
import { driftRoleName } from "../naming/names.ts";
import { appArns } from "../stacks/app-permissions.ts";
import { policyDocument, type PolicyDocument } from "../stacks/policy-document.ts";
import { pipelineRole } from "./pipeline-role.ts";

/**
 * The reads a plan of the app stack makes (app/), by read-only verb per
 * service: the exact calls a provider version makes change between versions,
 * the verbs do not. Verbs that read data are left out: no dynamodb:Get*
 * (items), no logs:Get* (log events), no s3 at all.
 */
export const DRIFT_READ_ACTIONS = [
  "apigateway:GET",
  "dynamodb:Describe*",
  "dynamodb:ListTagsOfResource",
  "logs:Describe*",
  "logs:ListTagsForResource",
  "logs:ListTagsLogGroup",
  "cloudwatch:Describe*",
  "cloudwatch:ListTagsForResource",
  "sns:GetTopicAttributes",
  "sns:GetSubscriptionAttributes",
  "sns:ListSubscriptionsByTopic",
  "sns:ListTagsForResource",
  "acm:DescribeCertificate",
  "acm:ListTagsForCertificate",
  "route53:Get*",
  "route53:List*",
  "iam:GetRole",
  "iam:GetRolePolicy",
  "iam:ListRolePolicies",
  "iam:ListAttachedRolePolicies",
  "sts:GetCallerIdentity",
] as const;

/**
 * Lambda's reads, on the app's own functions only: Terraform reads a
 * function with GetFunction, which also returns its environment variables
 * and a link to its code, and no narrower call plans it. What that exposes
 * is the app's own code and its two non-secret variables (the
 * lambda-no-secret-env policy rule keeps secrets out of them).
 */
export const DRIFT_FUNCTION_READ_ACTIONS = ["lambda:Get*", "lambda:List*"] as const;

/** The drift role's trust: the drift runner, exactly. */
export function driftRoleTrust(driftRunnerArn: string): PolicyDocument {
  return policyDocument({ Sid: "TrustDriftRunner", Effect: "Allow", Principal: { AWS: driftRunnerArn }, Action: "sts:AssumeRole" });
}

export interface DriftRoleProps {
  readonly environment: string;
  /** The Tools account's drift runner role. */
  readonly driftRunnerArn: string;
  /** The environment's account, and what every app resource name starts with (stacks/app-permissions.ts). */
  readonly accountId: string;
  readonly appPrefix: string;
  /** Aliased provider into the environment's account. */
  readonly provider: TerraformProvider;
}

export class DriftRole extends Construct {
  readonly role: IamRole;

  constructor(scope: Construct, id: string, props: DriftRoleProps) {
    super(scope, id);
    this.role = pipelineRole(this, {
      name: driftRoleName(props.environment),
      description: `Reads the ${props.environment} environment for the drift check; assumed only by the Tools account's drift runner`,
      trust: driftRoleTrust(props.driftRunnerArn),
      policyDescription: `What the ${props.environment} drift check may read`,
      policy: policyDocument(
        { Sid: "ReadAppResources", Effect: "Allow", Action: [...DRIFT_READ_ACTIONS], Resource: "*" },
        { Sid: "ReadAppFunctions", Effect: "Allow", Action: [...DRIFT_FUNCTION_READ_ACTIONS], Resource: appArns({ accountId: props.accountId, prefix: props.appPrefix }).functions },
      ),
      provider: props.provider,
    });
  }
}
