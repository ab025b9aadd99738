/**
 * Every name that more than one place must agree on: stack ids, state keys,
 * role ARNs, output names. Pure functions, no cdktf, so config validation
 * and the CLI can use them too.
 */

/** The management account's stack. */
export const ORG_STACK_ID = "org";

/** Stacks that exist once per organization, in deploy order after org. */
export const SHARED_STACK_IDS = ["dns", "corp", "tools"] as const;

/** One application stack per environment. */
export function appStackId(environment: string): string {
  return `app-${environment}`;
}

/** Every stack id of the layout, in deploy order. State keys are reserved for all of them. */
export function layoutStackIds(environments: readonly string[]): string[] {
  return [ORG_STACK_ID, ...SHARED_STACK_IDS, ...environments.map(appStackId)];
}

/** The S3 key of a stack's state: unique per stack, derived only here. */
export function stateKey(stackId: string, keyPrefix: string, overrides: Readonly<Record<string, string>>): string {
  return overrides[stackId] ?? `${keyPrefix}${stackId}/terraform.tfstate`;
}

/** File name of a stack's state under the local state directory. */
export function localStateFile(stackId: string): string {
  return `${stackId}.tfstate`;
}

/**
 * The account id a stack is synthesized against while its account does not
 * exist yet (no account_id in config): clearly fake, so it can be planned
 * offline and never applied. The registry marks such stacks (`waitsFor`),
 * the preview says so and deploy refuses them.
 */
export const PENDING_ACCOUNT_ID = "000000000000";

/** What to do about an account that has no id yet. */
export const PENDING_ACCOUNT_ADVICE = "not created yet (apply org, then accounts sync)";

export function roleArn(accountId: string, roleName: string): string {
  return `arn:aws:iam::${accountId}:role/${roleName}`;
}

/**
 * The role the Tools account's pipeline assumes in an environment's account.
 * Owned by the tools stack; protected by the protect-access-roles guardrail.
 */
export function deployRoleName(environment: string): string {
  return `deploy-${environment}`;
}

/**
 * The permissions boundary every role of an environment's app carries, in
 * that environment's account. Named under its deploy role's name, so the
 * protect-access-roles guardrail that keeps the deploy role's own policy
 * as the tools stack wrote it keeps the boundary too.
 */
export function appBoundaryPolicyName(environment: string): string {
  return `${deployRoleName(environment)}-app-boundary`;
}

/**
 * The Tools account's role that runs `deploy:ci` for an environment (its
 * CodeBuild project, or its GitHub Actions job): the one principal that
 * environment's deploy role trusts.
 */
export function deployRunnerRoleName(environment: string): string {
  return `tools-deploy-${environment}`;
}

/**
 * The read-only role the drift runner assumes in an environment's account to
 * plan its app stack against AWS. Owned by the tools stack; it trusts only
 * the drift runner and can change nothing.
 */
export function driftRoleName(environment: string): string {
  return `drift-${environment}`;
}

/** The Tools account's role that runs `drift` (its CodeBuild project, or the GitHub Actions job). */
export const DRIFT_RUNNER_ROLE = "tools-drift";

/** The organization CloudTrail trail, in the management account. */
export function organizationTrailName(organization: string): string {
  return `${organization}-organization-trail`;
}

/**
 * The trail's bucket in the log-archive account. Bucket names are global, so
 * the account id makes it unique; the prefix alone is what the
 * protect-security-services guardrail matches (it is written before the id is known).
 */
export function organizationTrailBucketPrefix(organization: string): string {
  return `${organization}-organization-trail-`;
}

export function organizationTrailBucketName(organization: string, logArchiveAccountId: string): string {
  return `${organizationTrailBucketPrefix(organization)}${logArchiveAccountId}`;
}

/** The dns stack: the primary zone and the environments' delegations. */
export const DNS_STACK_ID = "dns";

/** The corp stack: website, VPN, SaaS records. */
export const CORP_STACK_ID = "corp";

/** The tools stack: pipelines, deploy roles in the environment accounts. */
export const TOOLS_STACK_ID = "tools";

/**
 * The narrow role in the DNS account through which stack `stackId` writes
 * its own records into the primary zone (one role per writing stack, so each
 * may change only its own names).
 */
export function dnsRecordsRoleName(stackId: string): string {
  return `dns-records-${stackId}`;
}

/** A Terraform-safe construct id for a config name (dashes are fine; keep it readable). */
export function constructId(prefix: string, name: string): string {
  return `${prefix}-${name}`;
}
