/**
 * The org stack with guardrails and the organization trail, checked by the
 * real Terraform and AWS provider: `terraform validate`, then an offline plan
 * through the STS stub (engine/), which proves the aliased provider
 * assumes the log-archive account's role and passes allowed_account_ids.
 */
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OrgStack } from "../../org/org-stack.ts";
import { planStacksOffline, validateStacks, type StackPlanResult, type StackValidateResult } from "../../engine/verify-stacks.ts";
import { synthesizeOrThrow } from "../../stacks/synthesize.ts";
import { tempRepo, type TempRepo } from "../helpers/example-config.ts";

const SECURITY_ID = "444444444444";

// No skip when terraform is missing: a machine without it cannot vouch for the stacks, so this fails.
describe("org stack with the organization trail, real Terraform", () => {
  let repo: TempRepo;
  let validated: StackValidateResult;
  let planned: StackPlanResult;

  beforeAll(async () => {
    repo = tempRepo();
    repo.edit("accounts/security.yaml", "ou: security", `ou: security\naccount_id: "${SECURITY_ID}"`);
    const { stackDirs } = synthesizeOrThrow({ configDir: repo.configDir, outdir: join(repo.root, "cdktf.out") }, (app, config) => {
      new OrgStack(app, { config });
    });
    const stackDir = stackDirs[0]!;
    // Own work and CLI-config folders: nothing shared with other test files running at the same time.
    const common = { workRoot: join(repo.root, "work"), cliConfigDir: join(repo.root, "terraform-cli"), parallelism: 1 };
    [validated] = await validateStacks([stackDir], common);
    [planned] = await planStacksOffline([stackDir], { ...common, workRoot: join(repo.root, "work-plan"), managementAccountId: "111111111111" });
  });
  afterAll(() => repo?.cleanup());

  it("validates", () => {
    expect(validated.error).toBeUndefined();
    expect(validated.valid).toBe(true);
  });

  it("plans offline: SCPs, attachments, the trail and its bucket", () => {
    expect(planned.error).toBeUndefined();
    const created = planned.resourceChanges!.filter((c) => c.change.actions.includes("create")).map((c) => c.type);
    const count = (type: string) => created.filter((t) => t === type).length;
    expect(count("aws_organizations_policy")).toBe(7);
    // root 4 + OUs 2 (security, suspended) + protected accounts 2
    expect(count("aws_organizations_policy_attachment")).toBe(8);
    expect(count("aws_cloudtrail")).toBe(1);
    // the state bucket and the trail bucket
    expect(count("aws_s3_bucket")).toBe(2);
  });

  it("configures the aliased provider by assuming the security account's admin role, and finds itself in that account", () => {
    const answered = planned.stubCalls.filter((c) => c.answered);
    expect(planned.stubCalls.filter((c) => !c.answered)).toEqual([]);
    expect(answered.map((c) => c.roleArn).filter(Boolean)).toContain(`arn:aws:iam::${SECURITY_ID}:role/OrganizationAccountAccessRole`);
  });

  it("says which imports an offline plan cannot do", () => {
    // legacy was invited; security has an id in this config, so both are adopted, not created
    expect(planned.notPlanned.map((n) => n.what).sort()).toEqual(["aws_organizations_account.account-legacy", "aws_organizations_account.account-security"]);
  });
});
