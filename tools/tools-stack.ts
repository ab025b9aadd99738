/**
 * The Tools account: how git changes reach the environments. A
 * CodeConnections connection to the git host, an artifact bucket under a
 * customer-managed key, and per environment a CodePipeline V2 whose git
 * trigger is that environment's ref (config/promotion.ts) running
 * `npm run deploy:ci` in a CodeBuild project; a pull-request pipeline that
 * previews every stack offline; a scheduled drift check. In each environment
 * account, a deploy role owned by this stack that trusts only the Tools
 * account's runner role for that environment, and a read-only drift role
 * that trusts only the drift runner. The runners reach their own state
 * objects directly (stacks/state-access.ts). With `runner: github-actions`
 * the runner roles trust GitHub's OIDC provider for the exact ref instead,
 * and no pipeline is built. Deployed after org; app stacks deploy through it.
 */
import { CloudwatchEventRule } from "@cdktf/provider-aws/lib/cloudwatch-event-rule";
import { CloudwatchEventTarget } from "@cdktf/provider-aws/lib/cloudwatch-event-target";
import { CodeconnectionsConnection } from "@cdktf/provider-aws/lib/codeconnections-connection";
import { IamOpenidConnectProvider } from "@cdktf/provider-aws/lib/iam-openid-connect-provider";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import type { Construct } from "constructs";
import type { EnvironmentConfig, OrgConfig } from "../config/model.ts";
import { promotionGate, SHARED_STACKS_BRANCH } from "../config/promotion.ts";
import type { ToolsConfig } from "../config/tools-model.ts";
import { eventBridgeSchedule } from "../config/tools-schema.ts";
import { AccountStack } from "../stacks/account-stack.ts";
import { appResourcePrefix } from "../stacks/app-permissions.ts";
import { accountIdOf } from "../stacks/aws-provider.ts";
import { crossAccountProvider } from "../stacks/cross-account-provider.ts";
import { deployRoleName, deployRunnerRoleName, driftRoleName, DRIFT_RUNNER_ROLE, roleArn, TOOLS_STACK_ID } from "../naming/names.ts";
import { policyDocument, policyJson, type PolicyStatement } from "../stacks/policy-document.ts";
import { publishOutputs } from "../stacks/remote-state.ts";
import { runnerStateStatements } from "../stacks/state-access.ts";
import { ArtifactStore } from "./artifact-store.ts";
import { BuildPipeline, buildStatements, type SharedPipelineParts } from "./build-pipeline.ts";
import { deployBuildspec, driftBuildspec, previewBuildspec } from "./buildspecs.ts";
import { DeployRole } from "./deploy-role.ts";
import { DriftRole } from "./drift-role.ts";
import { GITHUB_OIDC_AUDIENCE, GITHUB_OIDC_HOST, githubOidcTrust } from "./github-oidc.ts";
import { TOOLS_OUTPUTS } from "./outputs.ts";
import { pipelineTrigger, previewTrigger } from "./triggers.ts";
import { RunnerRole, serviceTrust } from "./runner-role.ts";

export interface ToolsStackProps {
  readonly config: OrgConfig;
}

/** Names of the Tools account's pipelines and projects. */
export const toolsNames = (organization: string) => ({
  deploy: (environment: string) => `${organization}-deploy-${environment}`,
  preview: `${organization}-preview`,
  drift: `${organization}-drift`,
});

export class ToolsStack extends AccountStack {
  private readonly tools: ToolsConfig;
  private readonly accountId: string;

  constructor(scope: Construct, props: ToolsStackProps) {
    const tools = props.config.tools;
    if (!tools) throw new Error("ToolsStack needs config.tools (tools_account in organization.yaml and config/tools.yaml)");
    const account = props.config.accounts.find((a) => a.name === tools.account)!;
    super(scope, TOOLS_STACK_ID, { config: props.config, account });
    this.tools = tools;
    this.accountId = accountIdOf(account)!;
    const parts = tools.runner === "codepipeline" ? this.createPipelineParts() : undefined;
    const oidcProviderArn = tools.runner === "github-actions" ? this.createGithubOidcProvider() : undefined;
    const runners = new Map<string, string>();
    const deployRoles = new Map<string, string>();
    const driftRoles: string[] = [];
    for (const environment of this.config.environments) {
      const runner = this.createRunner(environment, parts, oidcProviderArn);
      runners.set(environment.name, runner);
      deployRoles.set(environment.name, this.createDeployRole(environment, runner));
      driftRoles.push(this.createDriftRole(environment));
    }
    if (parts) {
      this.createPreviewPipeline(parts.shared);
      this.createDriftPipeline(parts.shared, driftRoles);
    } else {
      this.createGithubDriftRunner(oidcProviderArn!, driftRoles);
    }
    publishOutputs(this, TOOLS_OUTPUTS, {
      connectionArn: parts?.shared.connectionArn ?? "none (runner: github-actions)",
      artifactBucket: parts?.shared.artifactBucket ?? "none (runner: github-actions)",
      deployRoleArns: Object.fromEntries(deployRoles),
      runnerRoleArns: Object.fromEntries(runners),
    });
  }

  /** The connection (PENDING until its one console handshake, tools/README.md) and the artifact store. */
  private createPipelineParts(): { shared: SharedPipelineParts } {
    const connection = new CodeconnectionsConnection(this, "git-connection", { name: `${this.config.name}-git`.slice(0, 32), providerType: this.tools.gitHost });
    const store = new ArtifactStore(this, "artifacts", { organization: this.config.name, accountId: this.accountId, region: this.account.region });
    return {
      shared: {
        accountId: this.accountId,
        region: this.account.region,
        connectionArn: connection.arn,
        repository: this.tools.repository,
        artifactBucket: store.bucketName,
        artifactKeyArn: store.key.arn,
      },
    };
  }

  private createGithubOidcProvider(): string {
    const provider = new IamOpenidConnectProvider(this, "github-oidc", { url: `https://${GITHUB_OIDC_HOST}`, clientIdList: [GITHUB_OIDC_AUDIENCE] });
    return provider.arn;
  }

  /** The role that runs deploy:ci for one environment, and (codepipeline) its pipeline; returns the role's ARN. */
  private createRunner(environment: EnvironmentConfig, parts: { shared: SharedPipelineParts } | undefined, oidcProviderArn: string | undefined): string {
    const name = deployRunnerRoleName(environment.name);
    const target = roleArn(accountIdOf(this.accountNamed(environment.account))!, deployRoleName(environment.name));
    const assumeDeployRole: PolicyStatement = { Sid: "AssumeDeployRole", Effect: "Allow", Action: "sts:AssumeRole", Resource: target };
    if (parts === undefined) {
      const runner = new RunnerRole(this, `runner-${environment.name}`, {
        accountId: this.accountId,
        name,
        description: `GitHub Actions deploys ${environment.name} as this role (only from its ref)`,
        trust: githubOidcTrust(oidcProviderArn!, this.tools.repository, environment.trigger),
        statements: [assumeDeployRole, ...runnerStateStatements(this.config, roleArn(this.accountId, name))],
      });
      return runner.arn;
    }
    const pipelineName = toolsNames(this.config.name).deploy(environment.name);
    const runner = new RunnerRole(this, `runner-${environment.name}`, {
      accountId: this.accountId,
      name,
      description: `Runs npm run deploy:ci for ${environment.name} (CodeBuild project ${pipelineName})`,
      trust: serviceTrust("codebuild.amazonaws.com", this.accountId),
      statements: [...buildStatements(parts.shared, `/aws/codebuild/${pipelineName}`), assumeDeployRole, ...runnerStateStatements(this.config, roleArn(this.accountId, name))],
    });
    new BuildPipeline(this, `deploy-${environment.name}`, {
      name: pipelineName,
      description: `Deploys app-${environment.name} when git says so (config/promotion.ts)`,
      parts: parts.shared,
      runnerRoleName: name,
      buildspec: deployBuildspec(this.config.environments, environment),
      branch: this.sourceBranch(environment),
      trigger: pipelineTrigger(environment.trigger),
      approval: this.tools.approvalBefore.includes(environment.name),
    });
    return runner.arn;
  }

  /** The branch a pipeline's source checks out when no trigger supplies the commit: the environment's own, or the one its tags come from. */
  private sourceBranch(environment: EnvironmentConfig): string {
    if (environment.trigger.kind === "branch") return environment.trigger.name;
    return promotionGate(this.config.environments, environment)?.branch ?? this.firstBranch();
  }

  private firstBranch(): string {
    for (const e of this.config.environments) if (e.trigger.kind === "branch") return e.trigger.name;
    return "main";
  }

  private createDeployRole(environment: EnvironmentConfig, runnerArn: string): string {
    const account = this.accountNamed(environment.account);
    const accountId = accountIdOf(account)!;
    new DeployRole(this, `deploy-role-${environment.name}`, {
      environment: environment.name,
      accountId,
      runnerRoleArn: runnerArn,
      appPrefix: appResourcePrefix(this.config.name, environment.name),
      provider: crossAccountProvider(this, this.config, account, this.node.id),
    });
    return roleArn(accountId, deployRoleName(environment.name));
  }

  /** The read-only role the drift runner plans this environment's app stack through; returns its ARN. */
  private createDriftRole(environment: EnvironmentConfig): string {
    const account = this.accountNamed(environment.account);
    new DriftRole(this, `drift-role-${environment.name}`, {
      environment: environment.name,
      driftRunnerArn: roleArn(this.accountId, DRIFT_RUNNER_ROLE),
      accountId: accountIdOf(account)!,
      appPrefix: appResourcePrefix(this.config.name, environment.name),
      provider: crossAccountProvider(this, this.config, account, this.node.id),
    });
    return roleArn(accountIdOf(account)!, driftRoleName(environment.name));
  }

  /** Pull requests: the offline preview of every stack; its per-stack summary is the build's log and artifact. Deploys nothing. */
  private createPreviewPipeline(parts: SharedPipelineParts): void {
    const name = toolsNames(this.config.name).preview;
    new RunnerRole(this, "runner-preview", {
      accountId: this.accountId,
      name: "tools-preview",
      description: "Runs npm run preview on pull requests (no AWS credentials needed, none given)",
      trust: serviceTrust("codebuild.amazonaws.com", this.accountId),
      statements: buildStatements(parts, `/aws/codebuild/${name}`),
    });
    new BuildPipeline(this, "preview", {
      name,
      description: "Previews every stack offline for a pull request; deploys nothing",
      parts,
      runnerRoleName: "tools-preview",
      buildspec: previewBuildspec(),
      branch: this.firstBranch(),
      trigger: previewTrigger(),
    });
  }

  /**
   * github-actions: the generated workflow's scheduled drift job runs as
   * this role; GitHub runs a schedule on the default branch, the one the
   * shared stacks deploy from, so only that ref may assume it.
   */
  private createGithubDriftRunner(oidcProviderArn: string, driftRoleArns: readonly string[]): void {
    new RunnerRole(this, "runner-drift", {
      accountId: this.accountId,
      name: DRIFT_RUNNER_ROLE,
      description: `GitHub Actions runs npm run drift as this role (only from refs/heads/${SHARED_STACKS_BRANCH}, on the schedule)`,
      trust: githubOidcTrust(oidcProviderArn, this.tools.repository, { kind: "branch", name: SHARED_STACKS_BRANCH }),
      statements: this.driftStatements(driftRoleArns),
    });
  }

  /** Drift: on the schedule from config, plan every deployed app stack against its state; the run fails naming what changed. */
  private createDriftPipeline(parts: SharedPipelineParts, driftRoleArns: readonly string[]): void {
    const name = toolsNames(this.config.name).drift;
    new RunnerRole(this, "runner-drift", {
      accountId: this.accountId,
      name: DRIFT_RUNNER_ROLE,
      description: "Runs npm run drift on a schedule",
      trust: serviceTrust("codebuild.amazonaws.com", this.accountId),
      statements: [...buildStatements(parts, `/aws/codebuild/${name}`), ...this.driftStatements(driftRoleArns)],
    });
    const drift = new BuildPipeline(this, "drift", {
      name,
      description: "Plans every deployed stack against its state; fails naming each resource changed outside Terraform",
      parts,
      runnerRoleName: DRIFT_RUNNER_ROLE,
      buildspec: driftBuildspec(),
      branch: this.firstBranch(),
    });
    const rule = new CloudwatchEventRule(this, "drift-schedule", {
      name: `${name}-schedule`,
      description: `Starts ${name} (${this.tools.driftSchedule} UTC, config/tools.yaml)`,
      scheduleExpression: eventBridgeSchedule(this.tools.driftSchedule),
    });
    const pipelineArn = `arn:aws:codepipeline:${parts.region}:${parts.accountId}:${name}`;
    const starter = new IamRole(this, "drift-starter", {
      name: `${name}-starter`,
      description: `Lets the schedule start ${name}`,
      assumeRolePolicy: policyJson(serviceTrust("events.amazonaws.com", this.accountId)),
    });
    new IamRolePolicy(this, "drift-starter-policy", {
      role: starter.name,
      name: "start",
      policy: policyJson(policyDocument({ Sid: "Start", Effect: "Allow", Action: "codepipeline:StartPipelineExecution", Resource: pipelineArn })),
    });
    new CloudwatchEventTarget(this, "drift-target", { rule: rule.name, arn: pipelineArn, roleArn: starter.arn, dependsOn: [drift.pipeline] });
  }

  /** The drift runner's own policy: the read-only drift roles, and the app stacks' state (read, and their locks). */
  private driftStatements(driftRoleArns: readonly string[]): PolicyStatement[] {
    return [{ Sid: "AssumeDriftRoles", Effect: "Allow", Action: "sts:AssumeRole", Resource: [...driftRoleArns] }, ...runnerStateStatements(this.config, roleArn(this.accountId, DRIFT_RUNNER_ROLE))];
  }

  private accountNamed(name: string) {
    return this.config.accounts.find((a) => a.name === name)!;
  }
}
