/**
 * The application's code: app/src/ packaged at synth into a zip (a cdktf
 * file asset, so no archive provider is needed; code-package.ts), a Node.js Lambda function, its
 * log group with the configured retention, and a role that may write those
 * logs and read and write the one table, nothing else.
 */
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { LambdaFunction } from "@cdktf/provider-aws/lib/lambda-function";
import { AssetType, Fn, TerraformAsset } from "cdktf";
import { Construct } from "constructs";
import type { AppEnvironment } from "../config/app-model.ts";
import { packageDirectory } from "./code-package.ts";
import { policyDocument, policyJson } from "../stacks/policy-document.ts";

/** The Lambda runtime; its AWS SDK v3 is what handler.mjs imports. */
export const LAMBDA_RUNTIME = "nodejs20.x";

export interface ApiFunctionProps {
  readonly app: AppEnvironment;
  readonly functionName: string;
  /** The folder packaged as the function's code (app/src). */
  readonly sourceDir: string;
  readonly tableName: string;
  readonly tableArn: string;
  readonly region: string;
  readonly accountId: string;
  /** The environment's permissions boundary (stacks/app-permissions.ts), when a tools stack deploys the app. */
  readonly permissionsBoundary?: string;
}

export class ApiFunction extends Construct {
  readonly function: LambdaFunction;
  readonly logGroup: CloudwatchLogGroup;

  constructor(scope: Construct, id: string, props: ApiFunctionProps) {
    super(scope, id);
    const { app } = props;
    // Created before the function, so Lambda never creates it itself without a retention.
    this.logGroup = new CloudwatchLogGroup(this, "logs", { name: `/aws/lambda/${props.functionName}`, retentionInDays: app.logRetentionDays });

    const role = new IamRole(this, "role", {
      name: props.functionName,
      description: `The ${app.environment} API function: its own logs and its table`,
      // Only Lambda acting for this account (the confused-deputy guard).
      assumeRolePolicy: policyJson(
        policyDocument({ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole", Condition: { StringEquals: { "aws:SourceAccount": props.accountId } } }),
      ),
      ...(props.permissionsBoundary !== undefined && { permissionsBoundary: props.permissionsBoundary }),
    });
    new IamRolePolicy(this, "role-policy", {
      role: role.id,
      name: "logs-and-table",
      policy: policyJson(
        policyDocument(
          {
            Sid: "OwnLogs",
            Effect: "Allow",
            Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
            Resource: `arn:aws:logs:${props.region}:${props.accountId}:log-group:/aws/lambda/${props.functionName}:*`,
          },
          { Sid: "OwnTable", Effect: "Allow", Action: ["dynamodb:GetItem", "dynamodb:PutItem"], Resource: props.tableArn },
        ),
      ),
    });

    // The zip's hash changes with the code (and only with it), so a change is a new deployment.
    const code = new TerraformAsset(this, "code", { path: packageDirectory(props.sourceDir), type: AssetType.FILE });
    this.function = new LambdaFunction(this, "function", {
      functionName: props.functionName,
      description: `The ${app.environment} API`,
      role: role.arn,
      runtime: LAMBDA_RUNTIME,
      architectures: ["arm64"],
      handler: "handler.handler",
      filename: code.path,
      // What Lambda reports as CodeSha256, so a re-plan compares like with like.
      sourceCodeHash: Fn.filebase64sha256(code.path),
      memorySize: app.lambdaMemoryMb,
      timeout: 10,
      // -1: no concurrency reserved (the provider's default).
      reservedConcurrentExecutions: app.lambdaReservedConcurrency ?? -1,
      environment: { variables: { TABLE_NAME: props.tableName, APP_ENVIRONMENT: app.environment } },
      dependsOn: [this.logGroup],
    });
  }
}
