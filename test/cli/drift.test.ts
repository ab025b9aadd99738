/**
 * `drift` before anything is deployed, and its refusals. The real check,
 * against real state after a change made outside Terraform, runs in the
 * emulator lifecycle (test/sandbox/lifecycle.test.ts).
 */
import { afterEach, describe, expect, it } from "vitest";
import type { CommandRunner } from "../../engine/runner.ts";
import { tempRepo, type TempRepo } from "../helpers/example-config.ts";
import { session } from "./harness.ts";

let repo: TempRepo;
afterEach(() => repo?.cleanup());

const noCommands: CommandRunner = () => {
  throw new Error("drift ran a command although nothing can be checked");
};

describe("drift", () => {
  it("on a fresh organization checks nothing, says why for every stack, and runs no terraform", async () => {
    repo = tempRepo();
    const s = session(repo, { run: noCommands });
    expect(await s.cli("drift"), s.err.join("\n")).toBe(0);
    for (const stack of ["org", "dns", "corp", "tools", "app-dev", "app-stage", "app-prod"]) expect(s.out).toContain(`${stack}: not deployed yet, not checked:`);
    expect(s.out.join("\n")).toMatch(/^org: not deployed yet, not checked:\n  - stack org has no state yet \(.*state\/org\.tfstate\): it was never applied \(npm run deploy -- org\)$/m);
    expect(s.out).toContain(
      "  - account dns has no account_id yet (config/accounts/dns.yaml): not created yet (apply org, then accounts sync); until then stack dns is only synthesized against the placeholder id 000000000000",
    );
    expect(s.out.at(-1)).toBe("nothing checked: no stack is deployed yet (listed above)");
    expect(s.out.join("\n")).not.toContain("no drift");
  });

  it("refuses a stack that does not exist, naming the ones that do", async () => {
    repo = tempRepo();
    const s = session(repo, { run: noCommands });
    expect(await s.cli("drift", "org", "app-qa")).toBe(1);
    expect(s.err.at(-1)).toBe("error: there is no stack app-qa (stacks: org, dns, corp, tools, app-dev, app-stage, app-prod)");
  });
});
