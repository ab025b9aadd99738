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
import { IamPolicy } from "@cdktf/provider-aws/lib/iam-policy";
import { appBoundaryPolicyName, deployRoleName } from "../naming/names.ts";
import { APP_MANAGED_POLICIES, APP_ROLE_SERVICES, appArns, appBoundaryArn, appBoundaryPolicy, type AppScope } from "../stacks/app-permissions.ts";
import { policyDocument, policyJson, type PolicyDocument, type PolicyStatement } from "../stacks/policy-document.ts";
import { pipelineRole } from "./pipeline-role.ts";

/**
 * What the deploy role may do to the app stack's resources (app/), service by
 * service: the control-plane verbs Terraform needs to create, read, change
 * and delete them, on resources named with the environment's prefix where
 * the service names resources. Data-plane verbs are not here: a deploy
 * creates a table but reads no items, publishes no messages, reads no logs.
 */
function appServiceStatements(scope: AppScope): PolicyStatement[] {
  const { accountId, prefix } = scope;
  const arns = appArns(scope);
  const appLogGroups = [arns.functionLogGroups, `arn:aws:logs:*:${accountId}:log-group:/aws/apigateway/${prefix}*`];
  return [
    { Sid: "AppFunctions", Effect: "Allow", Action: ["lambda:*"], Resource: arns.functions },
    {
      Sid: "AppTables",
      Effect: "Allow",
      Action: [
        "dynamodb:CreateTable",
        "dynamodb:UpdateTable",
        "dynamodb:DeleteTable",
        "dynamodb:Describe*",
        "dynamodb:ListTagsOfResource",
        "dynamodb:UpdateContinuousBackups",
        "dynamodb:UpdateTimeToLive",
        "dynamodb:TagResource",
        "dynamodb:UntagResource",
      ],
      Resource: arns.tables,
    },
    {
      Sid: "AppLogGroups",
      Effect: "Allow",
      Action: [
        "logs:CreateLogGroup",
        "logs:DeleteLogGroup",
        "logs:PutRetentionPolicy",
        "logs:DeleteRetentionPolicy",
        "logs:TagResource",
        "logs:UntagResource",
        "logs:TagLogGroup",
        "logs:UntagLogGroup",
        "logs:ListTagsForResource",
        "logs:ListTagsLogGroup",
      ],
      Resource: appLogGroups.flatMap((g) => [g, `${g}:*`]),
    },
    {
      Sid: "AppTopics",
      Effect: "Allow",
      Action: [
        "sns:CreateTopic",
        "sns:DeleteTopic",
        "sns:GetTopicAttributes",
        "sns:SetTopicAttributes",
        "sns:Subscribe",
        "sns:Unsubscribe",
        "sns:GetSubscriptionAttributes",
        "sns:SetSubscriptionAttributes",
        "sns:ListSubscriptionsByTopic",
        "sns:TagResource",
        "sns:UntagResource",
        "sns:ListTagsForResource",
      ],
      Resource: `arn:aws:sns:*:${accountId}:${prefix}*`,
    },
    {
      Sid: "AppAlarms",
      Effect: "Allow",
      Action: ["cloudwatch:PutMetricAlarm", "cloudwatch:DeleteAlarms", "cloudwatch:TagResource", "cloudwatch:UntagResource", "cloudwatch:ListTagsForResource"],
      Resource: `arn:aws:cloudwatch:*:${accountId}:alarm:${prefix}*`,
    },
    // API Gateway names its resources by generated ids, ACM and KMS by
    // generated ids too, and DescribeLogGroups and DescribeAlarms take no
    // resource: these are scoped to the account only.
    {
      Sid: "AppApis",
      Effect: "Allow",
      Action: ["apigateway:GET", "apigateway:POST", "apigateway:PUT", "apigateway:PATCH", "apigateway:DELETE"],
      Resource: ["apis", "apis/*", "domainnames", "domainnames/*", "tags/*"].map((p) => `arn:aws:apigateway:*::/${p}`),
    },
    {
      Sid: "AppCertificates",
      Effect: "Allow",
      Action: ["acm:RequestCertificate", "acm:DescribeCertificate", "acm:DeleteCertificate", "acm:AddTagsToCertificate", "acm:RemoveTagsFromCertificate", "acm:ListTagsForCertificate"],
      Resource: "*",
    },
    {
      Sid: "AppAlarmTopicKey",
      Effect: "Allow",
      Action: [
        "kms:CreateKey",
        "kms:DescribeKey",
        "kms:GetKeyPolicy",
        "kms:PutKeyPolicy",
        "kms:GetKeyRotationStatus",
        "kms:EnableKeyRotation",
        "kms:ListResourceTags",
        "kms:TagResource",
        "kms:UntagResource",
        "kms:ScheduleKeyDeletion",
      ],
      Resource: "*",
    },
    {
      Sid: "AppZoneRecords",
      Effect: "Allow",
      Action: ["route53:ChangeResourceRecordSets", "route53:GetHostedZone", "route53:ListResourceRecordSets", "route53:GetChange", "route53:ListTagsForResource"],
      Resource: ["arn:aws:route53:::hostedzone/*", "arn:aws:route53:::change/*"],
    },
    { Sid: "DescribeWithoutResource", Effect: "Allow", Action: ["logs:DescribeLogGroups", "cloudwatch:DescribeAlarms"], Resource: "*" },
    // What API Gateway asks of the caller to turn on an HTTP API's access logs (its logging guide lists these, on *).
    {
      Sid: "ApiAccessLogDelivery",
      Effect: "Allow",
      Action: [
        "logs:CreateLogDelivery",
        "logs:GetLogDelivery",
        "logs:UpdateLogDelivery",
        "logs:DeleteLogDelivery",
        "logs:ListLogDeliveries",
        "logs:PutResourcePolicy",
        "logs:DescribeResourcePolicies",
      ],
      Resource: "*",
    },
  ];
}

/** IAM reads and changes on the app's own roles that cannot touch what a role may do. */
const APP_ROLE_UPKEEP = [
  "iam:GetRole",
  "iam:UpdateRole",
  "iam:UpdateRoleDescription",
  "iam:TagRole",
  "iam:UntagRole",
  "iam:UpdateAssumeRolePolicy",
  "iam:DeleteRole",
  "iam:GetRolePolicy",
  "iam:ListRolePolicies",
  "iam:ListAttachedRolePolicies",
  "iam:ListInstanceProfilesForRole",
];

/**
 * IAM changes that decide what an app role may do: allowed only while the
 * role carries the environment's boundary (AWS evaluates
 * iam:PermissionsBoundary against the role's boundary for each of these).
 */
const APP_ROLE_CHANGES_UNDER_BOUNDARY = ["iam:CreateRole", "iam:PutRolePermissionsBoundary", "iam:PutRolePolicy", "iam:DeleteRolePolicy", "iam:DetachRolePolicy"];

/** The deploy role's trust: the runner role of this environment, exactly. */
export function deployRoleTrust(runnerRoleArn: string, environment: string): PolicyDocument {
  return policyDocument({ Sid: `Trust${environment.replace(/[^A-Za-z0-9]/g, "")}Runner`, Effect: "Allow", Principal: { AWS: runnerRoleArn }, Action: "sts:AssumeRole" });
}

/**
 * What the deploy role may do in its environment's account: the app's
 * services on the app's resources, and IAM on the app's own roles only
 * under the boundary: a pipeline run (or anyone holding its credentials)
 * cannot create a role without it, take it off, edit it, attach a policy
 * the app does not use, or hand a role to a service the app does not use.
 */
export function deployRolePolicy(accountId: string, environment: string, appPrefix: string): PolicyDocument {
  const scope: AppScope = { accountId, prefix: appPrefix };
  const roles = appArns(scope).roles;
  const boundary = appBoundaryArn(accountId, environment);
  const underBoundary = { StringEquals: { "iam:PermissionsBoundary": boundary } };
  return policyDocument(
    ...appServiceStatements(scope),
    { Sid: "AppRoleUpkeep", Effect: "Allow", Action: APP_ROLE_UPKEEP, Resource: roles },
    { Sid: "AppRoleChangesUnderBoundary", Effect: "Allow", Action: APP_ROLE_CHANGES_UNDER_BOUNDARY, Resource: roles, Condition: underBoundary },
    ...(APP_MANAGED_POLICIES.length > 0
      ? [
          {
            Sid: "AttachAppPolicies",
            Effect: "Allow" as const,
            Action: "iam:AttachRolePolicy",
            Resource: roles,
            Condition: { ...underBoundary, ArnEquals: { "iam:PolicyARN": [...APP_MANAGED_POLICIES] } },
          },
        ]
      : []),
    { Sid: "PassAppRolesToAppServices", Effect: "Allow", Action: "iam:PassRole", Resource: roles, Condition: { StringEquals: { "iam:PassedToService": [...APP_ROLE_SERVICES] } } },
    // Belt and braces: the allows above already leave these out; a deny also
    // holds if another policy is ever attached to the deploy role.
    {
      Sid: "NeverWithoutTheBoundary",
      Effect: "Deny",
      Action: ["iam:CreateRole", "iam:PutRolePermissionsBoundary"],
      Resource: "*",
      Condition: { StringNotEquals: { "iam:PermissionsBoundary": boundary } },
    },
    { Sid: "NeverRemoveTheBoundary", Effect: "Deny", Action: "iam:DeleteRolePermissionsBoundary", Resource: "*" },
    { Sid: "NeverEditTheBoundary", Effect: "Deny", Action: ["iam:CreatePolicyVersion", "iam:DeletePolicy", "iam:DeletePolicyVersion", "iam:SetDefaultPolicyVersion"], Resource: boundary },
    { Sid: "WhoAmI", Effect: "Allow", Action: ["sts:GetCallerIdentity", "tag:GetResources"], Resource: "*" },
  );
}

export interface DeployRoleProps {
  readonly environment: string;
  readonly accountId: string;
  /** The Tools account's runner role for this environment. */
  readonly runnerRoleArn: string;
  /** Everything the app stack names starts with this (stacks/app-permissions.ts). */
  readonly appPrefix: string;
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
      policy: deployRolePolicy(props.accountId, props.environment, props.appPrefix),
      provider: props.provider,
    });
    new IamPolicy(this, "app-boundary", {
      provider: props.provider,
      name: appBoundaryPolicyName(props.environment),
      description: `The most any role of the ${props.environment} app may do; the deploy role can create app roles only with it`,
      policy: policyJson(appBoundaryPolicy({ accountId: props.accountId, prefix: props.appPrefix })),
    });
  }
}
