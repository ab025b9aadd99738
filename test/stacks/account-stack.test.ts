/** The base stack: what every account stack gets without asking. */
import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import type { Construct } from "constructs";
import { describe, expect, it } from "vitest";
import { accountNamed, type OrgConfig } from "../../config/model.ts";
import { AccountStack, type AccountStackProps } from "../../stacks/account-stack.ts";
import { tempRepo } from "../helpers/example-config.ts";
import { synthJson, testApp } from "../helpers/synth.ts";

class BucketStack extends AccountStack {
  constructor(scope: Construct, id: string, props: AccountStackProps) {
    super(scope, id, props);
    new S3Bucket(this, "b", { bucket: `${id}-example-bucket` });
  }
}

function withConfig<T>(change: (repo: ReturnType<typeof tempRepo>) => void, use: (config: OrgConfig) => T): T {
  const repo = tempRepo();
  try {
    change(repo);
    return use(repo.load());
  } finally {
    repo.cleanup();
  }
}

function synthFor(config: OrgConfig, accountName: string, stackId: string) {
  const { app, cleanup } = testApp();
  try {
    return synthJson(new BucketStack(app, stackId, { config, account: accountNamed(config, accountName) }));
  } finally {
    cleanup();
  }
}

describe("account stack base", () => {
  it("assumes the admin role of a member account and refuses to run in any other account", () => {
    const synth = withConfig(
      (r) => r.edit("accounts/dev.yaml", "ou: nonprod", 'ou: nonprod\naccount_id: "333333333333"'),
      (config) => synthFor(config, "dev", "app-dev"),
    );
    expect(synth.json.provider.aws).toEqual([
      {
        region: "eu-west-1",
        allowed_account_ids: ["333333333333"],
        assume_role: [{ role_arn: "arn:aws:iam::333333333333:role/OrganizationAccountAccessRole", session_name: "cdktf-app-dev" }],
        default_tags: [{ tags: { ManagedBy: "cdktf", Organization: "acme", Stack: "app-dev", Account: "dev", Environment: "dev" } }],
      },
    ]);
  });

  it("uses the role an imported account was given", () => {
    const synth = withConfig(
      () => undefined,
      (config) => synthFor(config, "legacy", "legacy"),
    );
    expect(synth.json.provider.aws[0]!.assume_role).toEqual([{ role_arn: "arn:aws:iam::222222222222:role/LegacyAdmin", session_name: "cdktf-legacy" }]);
  });

  it("synthesizes a member account without an id yet against the clearly fake placeholder id, never a real one", () => {
    const synth = withConfig(
      () => undefined,
      (config) => synthFor(config, "dev", "app-dev"),
    );
    expect(synth.json.provider.aws[0]).toMatchObject({
      allowed_account_ids: ["000000000000"],
      assume_role: [{ role_arn: "arn:aws:iam::000000000000:role/OrganizationAccountAccessRole", session_name: "cdktf-app-dev" }],
    });
  });

  it("with the S3 backend: one encrypted, lock-file-locked key per stack, through the state role", () => {
    const change = (r: ReturnType<typeof tempRepo>) => {
      r.edit("organization.yaml", "  backend: local", "  backend: s3\n  key_prefix: acme/\n  role_arn: arn:aws:iam::111111111111:role/TerraformState");
      r.edit("accounts/dev.yaml", "ou: nonprod", 'ou: nonprod\naccount_id: "333333333333"');
    };
    const [org, dev] = withConfig(change, (config) => [synthFor(config, "org", "org"), synthFor(config, "dev", "app-dev")]);
    const expected = (key: string, session: string) => ({
      s3: {
        bucket: "acme-terraform-state-example",
        key,
        region: "eu-west-1",
        encrypt: true,
        use_lockfile: true,
        assume_role: { role_arn: "arn:aws:iam::111111111111:role/TerraformState", session_name: session },
      },
    });
    expect(org!.json.terraform.backend).toEqual(expected("acme/org/terraform.tfstate", "state-org"));
    expect(dev!.json.terraform.backend).toEqual(expected("acme/app-dev/terraform.tfstate", "state-app-dev"));
  });

  it("honours a state key override for adopting existing state", () => {
    const synth = withConfig(
      (r) => r.edit("organization.yaml", "  backend: local", "  backend: s3\n  key_overrides:\n    org: legacy/management.tfstate"),
      (config) => synthFor(config, "org", "org"),
    );
    expect(synth.json.terraform.backend.s3).toMatchObject({ key: "legacy/management.tfstate" });
    expect(synth.json.terraform.backend.s3!.assume_role).toBeUndefined();
  });
});
