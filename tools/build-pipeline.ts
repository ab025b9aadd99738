/**
 * One CodePipeline V2 that takes the repository from the CodeConnections
 * connection when its git trigger matches, optionally waits for a manual
 * approval, and runs one CodeBuild project on the commit (a full clone, so
 * the build can look at git history). Used for each environment's deploy,
 * the pull-request preview and the scheduled drift check.
 */
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { CodebuildProject } from "@cdktf/provider-aws/lib/codebuild-project";
import { Codepipeline, type CodepipelineTrigger } from "@cdktf/provider-aws/lib/codepipeline";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { Construct } from "constructs";
import { policyDocument, policyJson, type PolicyStatement } from "../stacks/policy-document.ts";
import { serviceTrust } from "./runner-role.ts";

/** How long build logs are kept (days). */
export const BUILD_LOG_RETENTION_DAYS = 90;

export const SOURCE_ACTION = "Source";

export interface SharedPipelineParts {
  readonly accountId: string;
  readonly region: string;
  readonly connectionArn: string;
  readonly repository: string;
  readonly artifactBucket: string;
  readonly artifactKeyArn: string;
}

export interface BuildPipelineProps {
  readonly name: string;
  readonly description: string;
  readonly parts: SharedPipelineParts;
  /** The role the build runs as (its log group is added to what it may do). */
  readonly runnerRoleName: string;
  readonly buildspec: string;
  /** The branch the source action checks out when the pipeline is started without a trigger. */
  readonly branch: string;
  /** Git triggers; none: only started by something else (the drift schedule). */
  readonly trigger?: CodepipelineTrigger["gitConfiguration"];
  /** A person approves before the build runs. */
  readonly approval?: boolean;
}

/** What every build may do: write its logs, read and write artifacts through the key, use the connection to clone. */
export function buildStatements(parts: SharedPipelineParts, logGroupName: string): PolicyStatement[] {
  const logGroup = `arn:aws:logs:${parts.region}:${parts.accountId}:log-group:${logGroupName}`;
  return [
    { Sid: "Logs", Effect: "Allow", Action: ["logs:CreateLogStream", "logs:PutLogEvents"], Resource: [logGroup, `${logGroup}:*`] },
    ...artifactStatements(parts),
    { Sid: "Clone", Effect: "Allow", Action: ["codeconnections:UseConnection", "codeconnections:GetConnectionToken", "codestar-connections:UseConnection"], Resource: parts.connectionArn },
  ];
}

function artifactStatements(parts: SharedPipelineParts): PolicyStatement[] {
  const bucket = `arn:aws:s3:::${parts.artifactBucket}`;
  return [
    { Sid: "Artifacts", Effect: "Allow", Action: ["s3:GetObject", "s3:GetObjectVersion", "s3:PutObject", "s3:GetBucketLocation", "s3:GetBucketVersioning"], Resource: [bucket, `${bucket}/*`] },
    { Sid: "ArtifactKey", Effect: "Allow", Action: ["kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey", "kms:DescribeKey"], Resource: parts.artifactKeyArn },
  ];
}

export class BuildPipeline extends Construct {
  readonly project: CodebuildProject;
  readonly pipeline: Codepipeline;
  readonly logGroupName: string;

  constructor(scope: Construct, id: string, props: BuildPipelineProps) {
    super(scope, id);
    const { parts } = props;
    this.logGroupName = `/aws/codebuild/${props.name}`;
    new CloudwatchLogGroup(this, "logs", { name: this.logGroupName, retentionInDays: BUILD_LOG_RETENTION_DAYS });
    this.project = new CodebuildProject(this, "project", {
      name: props.name,
      description: props.description,
      serviceRole: `arn:aws:iam::${parts.accountId}:role/${props.runnerRoleName}`,
      encryptionKey: parts.artifactKeyArn,
      buildTimeout: 60,
      artifacts: { type: "CODEPIPELINE" },
      source: { type: "CODEPIPELINE", buildspec: props.buildspec },
      // On demand: nothing runs, and nothing is paid for, between builds.
      environment: { computeType: "BUILD_GENERAL1_SMALL", image: "aws/codebuild/amazonlinux2-x86_64-standard:5.0", type: "LINUX_CONTAINER", privilegedMode: false },
      logsConfig: { cloudwatchLogs: { status: "ENABLED", groupName: this.logGroupName } },
    });
    const pipelineRole = new IamRole(this, "pipeline-role", {
      name: `${props.name}-pipeline`,
      description: `Runs the ${props.name} pipeline`,
      assumeRolePolicy: policyJson(serviceTrust("codepipeline.amazonaws.com", parts.accountId)),
    });
    new IamRolePolicy(this, "pipeline-policy", {
      role: pipelineRole.name,
      name: "runs",
      policy: policyJson(
        policyDocument(
          ...artifactStatements(parts),
          { Sid: "Source", Effect: "Allow", Action: ["codeconnections:UseConnection", "codestar-connections:UseConnection"], Resource: parts.connectionArn },
          { Sid: "Build", Effect: "Allow", Action: ["codebuild:StartBuild", "codebuild:BatchGetBuilds"], Resource: `arn:aws:codebuild:${parts.region}:${parts.accountId}:project/${props.name}` },
        ),
      ),
    });
    this.pipeline = new Codepipeline(this, "pipeline", {
      name: props.name,
      roleArn: pipelineRole.arn,
      pipelineType: "V2",
      executionMode: "QUEUED",
      artifactStore: [{ location: parts.artifactBucket, type: "S3", encryptionKey: { id: parts.artifactKeyArn, type: "KMS" } }],
      stage: [
        {
          name: "Source",
          action: [
            {
              name: SOURCE_ACTION,
              category: "Source",
              owner: "AWS",
              provider: "CodeStarSourceConnection",
              version: "1",
              outputArtifacts: ["source"],
              configuration: {
                ConnectionArn: parts.connectionArn,
                FullRepositoryId: parts.repository,
                BranchName: props.branch,
                // A full clone: deploy:ci checks a tag's commit against the branch history.
                OutputArtifactFormat: "CODEBUILD_CLONE_REF",
                DetectChanges: props.trigger === undefined ? "false" : "true",
              },
            },
          ],
        },
        ...(props.approval ? [{ name: "Approve", action: [{ name: "Approve", category: "Approval", owner: "AWS", provider: "Manual", version: "1" }] }] : []),
        {
          name: "Run",
          action: [{ name: "Run", category: "Build", owner: "AWS", provider: "CodeBuild", version: "1", inputArtifacts: ["source"], configuration: { ProjectName: props.name } }],
        },
      ],
      ...(props.trigger && { trigger: [{ providerType: "CodeStarSourceConnection", gitConfiguration: props.trigger }] }),
    });
  }
}
