/**
 * provision and deploy ask STS who the credentials belong to before any
 * terraform step, and say in one line what is wrong. STS here is the real
 * API of the moto emulator (fake keys are its account 123456789012); "no
 * credentials" is the SDK's own chain finding none.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CommandRunner } from "../../engine/runner.ts";
import { awsTarget } from "../../engine/targets/aws.ts";
import { emulatorTarget, startEmulator, type Emulator } from "../../engine/targets/emulator.ts";
import { stsCredentialCheck } from "../../engine/targets/identity.ts";
import { tempRepo, type TempRepo } from "../helpers/example-config.ts";
import { session } from "./harness.ts";

let emulator: Emulator;
const scratch = mkdtempSync(join(tmpdir(), "credentials-"));
beforeAll(async () => {
  emulator = await startEmulator({ env: process.env });
}, 60_000);
afterAll(async () => {
  await emulator?.stop();
  rmSync(scratch, { recursive: true, force: true });
});

function recording(calls: string[]): CommandRunner {
  return (command, args) => {
    calls.push([command, ...args].join(" "));
    return { status: 1, stdout: "", stderr: "stopped by the test" };
  };
}

function atEmulator(repo: TempRepo, calls: string[]) {
  const target = emulatorTarget(emulator.endpoint, { cliConfigFile: "/dev/null", region: "eu-west-1", parentEnv: { PATH: process.env.PATH } });
  return session(repo, { run: recording(calls), workspace: { target, checkCredentials: stsCredentialCheck } });
}

describe("credentials are checked before terraform runs", () => {
  it("credentials of another account than the management account: one line, exit 1, no terraform started", async () => {
    const repo = tempRepo();
    try {
      const calls: string[] = [];
      for (const argv of [
        ["accounts", "provision", "--auto-approve"],
        ["deploy", "org", "--auto-approve"],
      ]) {
        const s = atEmulator(repo, calls);
        expect(await s.cli(...argv)).toBe(1);
        expect(s.err).toEqual([
          "error: the AWS credentials are of account 123456789012 (arn:aws:sts::123456789012:user/moto), but the org stack deploys into account 111111111111 (config/accounts/org.yaml): use credentials of that account; nothing was started",
        ]);
      }
      expect(calls).toEqual([]);
    } finally {
      repo.cleanup();
    }
  });

  it("credentials of the management account: terraform starts", async () => {
    const repo = tempRepo();
    try {
      repo.edit("accounts/org.yaml", '"111111111111"', '"123456789012"');
      const calls: string[] = [];
      const s = atEmulator(repo, calls);
      expect(await s.cli("accounts", "provision", "--auto-approve")).toBe(1);
      expect(calls[0]).toBe("terraform init -input=false");
    } finally {
      repo.cleanup();
    }
  });

  it("a member account's stack: the credentials must be able to assume its admin role", async () => {
    const identity = await stsCredentialCheck(
      { AWS_ACCESS_KEY_ID: "test", AWS_SECRET_ACCESS_KEY: "test", AWS_ENDPOINT_URL: emulator.endpoint },
      { label: "dns stack", accountId: "210987654321", accountFile: "config/accounts/dns.yaml", assumeRoleArn: "arn:aws:iam::210987654321:role/OrganizationAccountAccessRole", region: "eu-west-1" },
    );
    // moto lets any caller assume any role (it checks no trust policy), so only the path that succeeds can be shown here.
    expect(identity.account).toBe("123456789012");
  });

  it("no credentials at all: one line naming what to set, exit 1, no terraform started", async () => {
    const saved = { ...process.env };
    // The SDK's chain reads this process's environment: none of the AWS sources may be there.
    for (const key of Object.keys(process.env)) if (key.startsWith("AWS_")) delete process.env[key];
    Object.assign(process.env, {
      HOME: scratch,
      AWS_CONFIG_FILE: join(scratch, "none"),
      AWS_SHARED_CREDENTIALS_FILE: join(scratch, "none"),
      AWS_EC2_METADATA_DISABLED: "true",
    });
    const repo = tempRepo();
    try {
      const calls: string[] = [];
      const env = { PATH: process.env.PATH, HOME: scratch, TF_CLI_CONFIG_FILE: "/dev/null" };
      const s = session(repo, { env, run: recording(calls), workspace: { target: awsTarget(env, { cliConfigDir: join(scratch, "cli") }), checkCredentials: stsCredentialCheck } });
      expect(await s.cli("accounts", "provision", "--auto-approve")).toBe(1);
      expect(s.err).toEqual([
        "error: no AWS credentials found for the org stack (set AWS_PROFILE to a profile of account 111111111111, run aws sso login, or export AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY); nothing was started",
      ]);
      expect(calls).toEqual([]);
    } finally {
      repo.cleanup();
      process.env = saved;
    }
  });
});
