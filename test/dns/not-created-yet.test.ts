/**
 * Stacks in accounts that do not exist yet: synthesized against the clearly
 * fake placeholder id, marked by the registry, refused by deploy with what
 * to do; and a stack whose upstream was never applied is refused too.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { CommandRunner } from "../../engine/runner.ts";
import { deployBlockers, stackEntry } from "../../stacks/registry.ts";
import { configWith, tempRepo, type TempRepo } from "../helpers/example-config.ts";
import { session } from "../cli/harness.ts";

let repo: TempRepo | undefined;
afterEach(() => repo?.cleanup());

const never = () => false;
const withIds = (r: TempRepo) => {
  for (const [name, ou, id] of [
    ["dns", "core", "400000000001"],
    ["corp", "core", "400000000002"],
    ["dev", "nonprod", "400000000003"],
    ["stage", "production", "400000000004"],
    ["prod", "production", "400000000005"],
  ] as const) {
    r.edit(`accounts/${name}.yaml`, `ou: ${ou}`, `ou: ${ou}\naccount_id: "${id}"`);
  }
};

describe("a stack whose accounts have no id yet", () => {
  it("waits for its own account, the environments' (their zones) and corp's (the role it trusts)", () => {
    const config = configWith(() => undefined);
    const dns = stackEntry(config, "dns")!;
    expect(dns.waitsFor.map((a) => a.name)).toEqual(["dns", "dev", "stage", "prod", "corp"]);
    expect(deployBlockers(config, dns, () => true)[0]).toBe(
      "account dns has no account_id yet (config/accounts/dns.yaml): not created yet (apply org, then accounts sync); until then stack dns is only synthesized against the placeholder id 000000000000",
    );
  });

  it("is deployable once every account has an id and org has been applied", () => {
    const config = configWith(withIds);
    const dns = stackEntry(config, "dns")!;
    expect(dns.waitsFor).toEqual([]);
    expect(deployBlockers(config, dns, (path) => path.endsWith("org.tfstate"))).toEqual([]);
    expect(deployBlockers(config, dns, never)).toEqual([
      `stack dns reads the outputs of org, which has no state yet (${join(config.state.localDirectory, "org.tfstate")}): apply org first (npm run deploy -- org)`,
    ]);
  });

  it("deploy refuses it with the instruction, and runs no terraform", async () => {
    repo = tempRepo();
    const calls: string[] = [];
    const run: CommandRunner = (command, args) => {
      calls.push([command, ...args].join(" "));
      return { status: 0, stdout: "", stderr: "" };
    };
    const s = session(repo, { run });
    expect(await s.cli("deploy", "dns", "--auto-approve")).toBe(1);
    const err = s.err.join("\n");
    expect(err).toContain("cannot deploy dns yet:");
    expect(err).toContain("account dns has no account_id yet (config/accounts/dns.yaml): not created yet (apply org, then accounts sync)");
    expect(calls).toEqual([]);
  });

  it("deploy refuses a stack whose upstream has no state: apply it first", async () => {
    repo = tempRepo();
    withIds(repo);
    const calls: string[] = [];
    const s = session(repo, { run: (command, args) => (calls.push([command, ...args].join(" ")), { status: 0, stdout: "", stderr: "" }) });
    expect(await s.cli("deploy", "dns", "--auto-approve")).toBe(1);
    expect(s.err.join("\n")).toMatch(/stack dns reads the outputs of org, which has no state yet \(.*state\/org\.tfstate\): apply org first/);
    expect(calls).toEqual([]);
    // with org's state present the refusal is gone (terraform runs)
    const orgState = join(repo.root, "state", "org.tfstate");
    mkdirSync(dirname(orgState), { recursive: true });
    writeFileSync(orgState, "{}");
    await s.cli("deploy", "dns", "--auto-approve");
    expect(calls.length).toBeGreaterThan(0);
  });
});
