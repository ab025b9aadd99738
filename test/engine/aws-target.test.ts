/**
 * Real AWS runs install the provider the way the preview does: where the
 * machine has a filesystem mirror and no CLI config of the user's, terraform
 * gets one pointing at the mirror (otherwise `provision` failed at `terraform
 * init` trying to reach the registry where `preview` worked).
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { awsTarget } from "../../engine/targets/aws.ts";
import { UserError } from "../../engine/errors.ts";

const dir = mkdtempSync(join(tmpdir(), "aws-target-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("the AWS target", () => {
  it("keeps the user's credentials and points terraform at the provider mirror", () => {
    const mirror = join(dir, "mirror");
    mkdirSync(join(mirror, "registry.terraform.io", "hashicorp", "aws"), { recursive: true });
    const env = awsTarget({ PATH: "/usr/bin", AWS_PROFILE: "admin", TF_PROVIDER_MIRROR: mirror }, { cliConfigDir: join(dir, "cli") }).env();
    expect(env.AWS_PROFILE).toBe("admin");
    expect(env.CHECKPOINT_DISABLE).toBe("1");
    expect(env.TF_CLI_CONFIG_FILE).toBe(join(dir, "cli", "terraformrc"));
    expect(readFileSync(env.TF_CLI_CONFIG_FILE!, "utf8")).toContain(`path    = ${JSON.stringify(mirror)}`);
  });

  it("leaves a CLI config of the user's alone", () => {
    expect(awsTarget({ TF_CLI_CONFIG_FILE: "/home/me/.terraformrc" }, { cliConfigDir: join(dir, "cli2") }).env().TF_CLI_CONFIG_FILE).toBe("/home/me/.terraformrc");
  });

  it("says what is wrong with a TF_PROVIDER_MIRROR that holds no provider", () => {
    expect(() => awsTarget({ TF_PROVIDER_MIRROR: join(dir, "empty") }, { cliConfigDir: join(dir, "cli4") }).env()).toThrow(UserError);
  });
});
