/**
 * Output contracts between stacks: the producer must publish every output
 * of its contract with the declared kind, readers get typed values, and a
 * command reading `terraform output -json` checks the kind. The type errors
 * below are checked by `tsc --noEmit` (npm test runs it first): a renamed
 * output fails the type check, not a deploy.
 */
import { TerraformStack } from "cdktf";
import { describe, expect, it } from "vitest";
import { accountIdsFrom } from "../../cli/org-outputs.ts";
import { CORP_OUTPUTS } from "../../corp/outputs.ts";
import { DNS_OUTPUTS } from "../../dns/outputs.ts";
import { ORG_OUTPUTS } from "../../org/outputs.ts";
import { loadConfig } from "../../config/load.ts";
import { outputValue } from "../../stacks/output-contract.ts";
import { publishOutputs, readRemoteOutputs } from "../../stacks/remote-state.ts";
import { EXAMPLE_CONFIG } from "../helpers/example-config.ts";
import { synthJson, testApp } from "../helpers/synth.ts";

describe("output contracts", () => {
  it("type-check the producer and the readers", () => {
    const { app, cleanup } = testApp();
    try {
      const stack = new TerraformStack(app, "contract-test");
      // @ts-expect-error: every output of the contract is required
      publishOutputs(stack, DNS_OUTPUTS, { primaryZoneId: "Z1", primaryNameServers: ["ns"] });
      // @ts-expect-error: a list output takes a list
      publishOutputs(stack, CORP_OUTPUTS, { vpnPublicIp: ["1.2.3.4"], vpnServerPublicKeyParameter: "/p", websiteDistributionDomain: "d" });
      const dns = readRemoteOutputs(stack, loadConfig({ configDir: EXAMPLE_CONFIG }), DNS_OUTPUTS);
      // @ts-expect-error: there is no output zoneId (renamed outputs fail here)
      void dns.zoneId;
      const servers: string[] = dns.primaryNameServers;
      const devZone: string = dns.environmentZoneIds.lookup("dev");
      expect(servers).toBeDefined();
      expect(synthJson(stack).text).toContain('"remote-state-dns"');
      expect(devZone).toBeDefined();
    } finally {
      cleanup();
    }
  });

  it("outputs of every contract have distinct names and placeholders that cannot pass for real values", () => {
    for (const contract of [ORG_OUTPUTS, DNS_OUTPUTS, CORP_OUTPUTS]) {
      const names = Object.values(contract.outputs).map((o) => o.name);
      expect(new Set(names).size).toBe(names.length);
      for (const spec of Object.values(contract.outputs)) expect(JSON.stringify(spec.placeholder)).toMatch(/placeholder|PLACEHOLDER|not-applied|000000000000|192\.0\.2\./);
    }
  });

  it("commands read the org stack's account_ids through the contract, checking its kind", () => {
    expect([...accountIdsFrom({ account_ids: { value: { dev: "333333333333" } } }, "state/org.tfstate")]).toEqual([["dev", "333333333333"]]);
    expect(() => accountIdsFrom({}, "state/org.tfstate")).toThrow("state/org.tfstate has no account_ids output (apply the org stack with this version of the code: npm run accounts -- provision)");
    expect(() => accountIdsFrom({ account_ids: { value: ["x"] } }, "w")).toThrow("w: the account_ids output is not a map of account name to id");
    expect(outputValue({ primary_name_servers: { value: ["a", "b"] } }, DNS_OUTPUTS.outputs.primaryNameServers)).toEqual({ value: ["a", "b"] });
    expect(outputValue({ primary_name_servers: { value: "a" } }, DNS_OUTPUTS.outputs.primaryNameServers)).toEqual({ problem: "has a primary_name_servers output that is not a list of strings" });
  });
});
