/**
 * What the Tools account's runner roles may do with the Terraform state, in
 * one place. A runner (tools/) reaches the state bucket in the management
 * account directly, not through state.role_arn, and cross-account S3 needs
 * both halves of the same grant: the bucket's policy (the org stack) names the
 * runner, and the runner's own policy (the tools stack) asks for the same
 * objects. Both are built from the statements here, so they cannot disagree.
 *
 * Least privilege, object by object: an environment's runner reads and writes
 * only its own app stack's state and lock file and reads the dns stack's
 * state (the only outputs an app stack reads, app/app-stack.ts); the drift
 * runner reads every app stack's state and takes their locks (a plan locks),
 * and writes no state. Nobody else in the Tools account gets anything.
 */
import type { OrgConfig } from "../config/model.ts";
import { appStackId, deployRunnerRoleName, DNS_STACK_ID, DRIFT_RUNNER_ROLE, roleArn, stateKey } from "../naming/names.ts";
import type { PolicyStatement } from "./policy-document.ts";

/** The stacks whose outputs an app stack reads through remote state. */
export const APP_STACK_READS = [DNS_STACK_ID] as const;

/** One runner role's access to the state bucket. */
export interface RunnerStateGrant {
  /** The runner role, by its exact ARN. */
  readonly runnerArn: string;
  /** Letters and digits: prefixes the bucket policy's statement ids. */
  readonly sid: string;
  /** The grant as the runner's own policy says it (no principal). */
  readonly statements: readonly PolicyStatement[];
}

const sidOf = (name: string) =>
  name
    .split(/[^A-Za-z0-9]+/)
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join("");

/**
 * The grants, one per runner role; none when no runner can use them: no
 * tools stack, the local backend (a build has no local state/), or a Tools
 * account without an id yet (a bucket policy cannot name a principal in an
 * account that does not exist; deploy org again after `accounts sync`).
 */
export function runnerStateGrants(config: OrgConfig): RunnerStateGrant[] {
  const { state, tools } = config;
  if (tools === undefined || state.backend !== "s3") return [];
  const toolsId = config.accounts.find((a) => a.name === tools.account)?.accountId;
  if (toolsId === undefined) return [];
  const bucketArn = `arn:aws:s3:::${state.bucket}`;
  const object = (stackId: string) => `${bucketArn}/${stateKey(stackId, state.keyPrefix, state.keyOverrides)}`;
  const lock = (stackId: string) => `${object(stackId)}.tflock`;
  const reads = config.dns ? APP_STACK_READS.map(object) : [];
  const list: PolicyStatement = { Sid: "ListState", Effect: "Allow", Action: "s3:ListBucket", Resource: bucketArn };
  const environmentGrants = config.environments.map((environment): RunnerStateGrant => {
    const stack = appStackId(environment.name);
    const role = deployRunnerRoleName(environment.name);
    return {
      runnerArn: roleArn(toolsId, role),
      sid: sidOf(role),
      statements: [
        list,
        { Sid: "OwnState", Effect: "Allow", Action: ["s3:GetObject", "s3:PutObject"], Resource: object(stack) },
        { Sid: "OwnLock", Effect: "Allow", Action: ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"], Resource: lock(stack) },
        ...(reads.length > 0 ? [{ Sid: "ReadUpstreamState", Effect: "Allow" as const, Action: "s3:GetObject", Resource: reads }] : []),
      ],
    };
  });
  const appStacks = config.environments.map((e) => appStackId(e.name));
  const drift: RunnerStateGrant = {
    runnerArn: roleArn(toolsId, DRIFT_RUNNER_ROLE),
    sid: sidOf(DRIFT_RUNNER_ROLE),
    statements: [
      list,
      { Sid: "ReadState", Effect: "Allow", Action: "s3:GetObject", Resource: [...appStacks.map(object), ...reads] },
      { Sid: "TakeLocks", Effect: "Allow", Action: ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"], Resource: appStacks.map(lock) },
    ],
  };
  return [...environmentGrants, drift];
}

/** The grant's statements for the runner's own policy; none when the runner has no grant. */
export function runnerStateStatements(config: OrgConfig, runnerArn: string): PolicyStatement[] {
  const grant = runnerStateGrants(config).find((g) => g.runnerArn === runnerArn);
  return grant ? grant.statements.map((s) => ({ ...s, Sid: `State${s.Sid}` })) : [];
}

/**
 * The grants as state-bucket policy statements: each names the Tools account
 * as principal and admits only the runner's exact role ARN (aws:PrincipalArn),
 * so the policy is valid before the tools stack has created the role.
 */
export function stateBucketGrantStatements(config: OrgConfig): PolicyStatement[] {
  return runnerStateGrants(config).flatMap((grant) => {
    const toolsRoot = `${grant.runnerArn.slice(0, grant.runnerArn.indexOf(":role/"))}:root`;
    return grant.statements.map((s) => ({
      ...s,
      Sid: `${grant.sid}${s.Sid}`,
      Principal: { AWS: toolsRoot },
      Condition: { ArnEquals: { "aws:PrincipalArn": grant.runnerArn } },
    }));
  });
}
