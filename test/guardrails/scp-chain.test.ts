/** The SCPs each account gets, level by level, as the expectations are judged over them. */
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../config/load.ts";
import { accountsUnder, FULL_AWS_ACCESS, scpChain } from "../../org/guardrails/expectations/scp-chain.ts";
import { GUARDRAILS } from "../../org/guardrails/index.ts";
import { EXAMPLE_CONFIG } from "../helpers/example-config.ts";

const config = loadConfig({ configDir: EXAMPLE_CONFIG });
const names = (account: string) => scpChain(config, { account }).map((l) => [l.target, l.policies.map((p) => p.name)]);

describe("SCP chain", () => {
  it("runs from the root through every OU down to the account, with FullAWSAccess on each level", () => {
    expect(names("prod")).toEqual([
      ["root", ["FullAWSAccess", "baseline", "protect-access-roles", "protect-security-services", "region-allow-list"]],
      ["OU workloads", ["FullAWSAccess"]],
      ["OU production", ["FullAWSAccess"]],
      ["account prod", ["FullAWSAccess", "protect-data-stores"]],
    ]);
    expect(names("dev").map(([target]) => target)).toEqual(["root", "OU workloads", "OU nonprod", "account dev"]);
  });

  it("holds the documents the org stack attaches, and AWS's FullAWSAccess as AWS writes it", () => {
    const [root] = scpChain(config, { account: "dev" });
    expect(root!.policies[0]!.document).toEqual({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] });
    expect(root!.policies[0]!.document).toBe(FULL_AWS_ACCESS);
    expect(root!.policies[2]!.document).toEqual(GUARDRAILS["protect-access-roles"].build(config));
  });

  it("judges an empty OU as a new account placed there, with no account-level guardrails", () => {
    expect(accountsUnder(config, "suspended")).toEqual([]);
    expect(scpChain(config, { newAccountInOu: "suspended" }).map((l) => [l.target, l.policies.map((p) => p.name)])).toEqual([
      ["root", ["FullAWSAccess", "baseline", "protect-access-roles", "protect-security-services", "region-allow-list"]],
      ["OU suspended", ["FullAWSAccess", "deny-all"]],
      ["a new account in OU suspended", ["FullAWSAccess"]],
    ]);
  });

  it("refuses the management account, where SCPs do not apply", () => {
    expect(() => scpChain(config, { account: "org" })).toThrow("org is the management account: service control policies do not apply to it");
  });
});
