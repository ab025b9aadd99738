/**
 * The contract between the app stack (app/), which creates an environment's
 * resources and roles, and the tools stack (tools/), whose deploy role may
 * create exactly those and nothing else. Both sides build from here, so a
 * name the app starts using that the deploy role cannot reach fails a test
 * here rather than a pipeline in PROD.
 *
 * - Every resource the app stack names starts with the environment's prefix
 *   (<organization>-<environment>-), so the deploy role's grants are scoped
 *   to that prefix rather than to a service's `*`.
 * - Every role the app stack creates carries the environment's permissions
 *   boundary, a managed policy the tools stack owns: whatever the deploy
 *   role (or anyone holding its credentials) writes into an app role, the
 *   role can never do more than the boundary allows.
 */
import { appBoundaryPolicyName } from "../naming/names.ts";
import { policyDocument, type PolicyDocument, type PolicyStatement } from "./policy-document.ts";

/** What every name of an environment's app resources starts with. */
export function appResourcePrefix(organization: string, environment: string): string {
  return `${organization}-${environment}-`;
}

/** The permissions boundary every app role of this environment carries. */
export function appBoundaryArn(accountId: string, environment: string): string {
  return `arn:aws:iam::${accountId}:policy/${appBoundaryPolicyName(environment)}`;
}

/** The services the app hands its roles to (iam:PassedToService): the API function's execution role. */
export const APP_ROLE_SERVICES = ["lambda.amazonaws.com"] as const;

/**
 * AWS managed policies the app attaches to its roles: none (its roles carry
 * inline policies only). Attaching anything else, AdministratorAccess
 * included, is denied to the deploy role.
 */
export const APP_MANAGED_POLICIES: readonly string[] = [];

/** Where an environment's app lives: its account and its resource prefix. */
export interface AppScope {
  readonly accountId: string;
  readonly prefix: string;
}

export const appArns = ({ accountId, prefix }: AppScope) => ({
  tables: [`arn:aws:dynamodb:*:${accountId}:table/${prefix}*`, `arn:aws:dynamodb:*:${accountId}:table/${prefix}*/index/*`],
  functionLogGroups: `arn:aws:logs:*:${accountId}:log-group:/aws/lambda/${prefix}*`,
  roles: `arn:aws:iam::${accountId}:role/${prefix}*`,
  /** A function and its versions and aliases (function:<name>:<qualifier>). */
  functions: [`arn:aws:lambda:*:${accountId}:function:${prefix}*`],
});

/**
 * The most an app role may ever do at run time: write its own function's
 * logs and work with the items of its own tables. No IAM, no STS, no other
 * service, no other environment's resources.
 */
export function appBoundaryPolicy(scope: AppScope): PolicyDocument {
  const arns = appArns(scope);
  const statements: PolicyStatement[] = [
    { Sid: "OwnFunctionLogs", Effect: "Allow", Action: ["logs:CreateLogStream", "logs:PutLogEvents"], Resource: [arns.functionLogGroups, `${arns.functionLogGroups}:*`] },
    {
      Sid: "OwnTableItems",
      Effect: "Allow",
      Action: [
        "dynamodb:GetItem",
        "dynamodb:PutItem",
        "dynamodb:UpdateItem",
        "dynamodb:DeleteItem",
        "dynamodb:Query",
        "dynamodb:BatchGetItem",
        "dynamodb:BatchWriteItem",
        "dynamodb:ConditionCheckItem",
      ],
      Resource: arns.tables,
    },
  ];
  return policyDocument(...statements);
}
