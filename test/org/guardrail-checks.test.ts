/** Synth-time checks of the SCPs against AWS's limits: each fails for its own reason, naming policy, target and limit. */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { GuardrailName } from "../../config/guardrail-names.ts";
import { loadConfig } from "../../config/load.ts";
import type { OrgConfig } from "../../config/model.ts";
import { guardrailProblems, misplacedWildcards } from "../../org/guardrails/check.ts";
import { GUARDRAILS, usedGuardrails } from "../../org/guardrails/index.ts";
import { OrgStack } from "../../org/org-stack.ts";
import { policyDocument, policyJson } from "../../stacks/policy-document.ts";
import { synthesizeOrThrow } from "../../stacks/synthesize.ts";
import { EXAMPLE_CONFIG, tempRepo } from "../helpers/example-config.ts";
import { testApp } from "../helpers/synth.ts";
import { annotationsOf } from "./annotations.ts";

const example = loadConfig({ configDir: EXAMPLE_CONFIG });

function stackErrors(config: OrgConfig): string[] {
  const { app, cleanup } = testApp();
  try {
    return annotationsOf(new OrgStack(app, { config }), "error");
  } finally {
    cleanup();
  }
}

const size = (name: GuardrailName, config: OrgConfig = example) => policyJson(GUARDRAILS[name].build(config)).length;

describe("SCP size (quotas.policy_size)", () => {
  it("passes the example config at AWS's 5120", () => {
    expect(stackErrors(example)).toEqual([]);
  });

  it("fails synth for each guardrail over a lowered limit, naming it, its size, the limit and where it is attached", () => {
    const repo = tempRepo();
    try {
      repo.write("organization.yaml", `${repo.read("organization.yaml")}\nquotas:\n  policy_size: 1000\n`);
      const config = repo.load();
      const over = [...usedGuardrails(config).keys()].filter((n) => size(n, config) > 1000);
      // the guardrails that list roles, services or regions; the others are a few hundred characters
      expect(over).toEqual(["baseline", "protect-access-roles", "protect-security-services", "region-allow-list"]);
      expect(stackErrors(config)).toEqual([
        `guardrail baseline: ${size("baseline", config)} characters, over the SCP size limit of 1000 (quotas.policy_size); attached to the organization root (shorten it or split it in two)`,
        `guardrail protect-access-roles: ${size("protect-access-roles", config)} characters, over the SCP size limit of 1000 (quotas.policy_size); attached to the organization root (shorten it or split it in two)`,
        `guardrail protect-security-services: ${size("protect-security-services", config)} characters, over the SCP size limit of 1000 (quotas.policy_size); attached to the organization root (shorten it or split it in two)`,
        `guardrail region-allow-list: ${size("region-allow-list", config)} characters, over the SCP size limit of 1000 (quotas.policy_size); attached to the organization root (shorten it or split it in two)`,
      ]);

      // the entry point's synth stops on the error and writes nothing
      const outdir = join(repo.root, "cdktf.out");
      expect(() => synthesizeOrThrow({ configDir: repo.configDir, outdir }, (app, c) => void new OrgStack(app, { config: c }))).toThrow(
        /guardrail region-allow-list: \d+ characters, over the SCP size limit of 1000 \(quotas\.policy_size\)/,
      );
      expect(existsSync(outdir)).toBe(false);
    } finally {
      repo.cleanup();
    }
  });

  it("counts the minified JSON, as AWS does", () => {
    const doc = GUARDRAILS["deny-root-user"].build(example);
    const exact = policyJson(doc).length;
    expect(guardrailProblems({ ...example, quotas: { ...example.quotas, policySize: exact } }, new Map([["deny-root-user", doc]]))).toEqual([]);
    expect(guardrailProblems({ ...example, quotas: { ...example.quotas, policySize: exact - 1 } }, new Map([["deny-root-user", doc]]))).toHaveLength(1);
  });
});

describe("SCPs per target (quotas.policies_per_target)", () => {
  it("is caught when config loads, before any stack is built", () => {
    const repo = tempRepo();
    try {
      repo.write("organization.yaml", `${repo.read("organization.yaml")}\nquotas:\n  policies_per_target: 4\n`);
      expect(repo.problems().join("\n")).toMatch(/root would have 5 SCPs \(FullAWSAccess, baseline, protect-access-roles, protect-security-services, region-allow-list\)/);
    } finally {
      repo.cleanup();
    }
  });

  it("is checked again at synth on the attachments the stack makes, FullAWSAccess included", () => {
    // A model that skipped the loader's check (built by hand, or by a future code path).
    const config: OrgConfig = { ...example, quotas: { ...example.quotas, policiesPerTarget: 4 } };
    // root: FullAWSAccess + 4 = 5 > 4; the OUs and protected accounts have FullAWSAccess + 1 = 2
    expect(stackErrors(config)).toEqual([
      "the organization root: 5 SCPs (FullAWSAccess, baseline, protect-access-roles, protect-security-services, region-allow-list), " +
        "over the limit of 4 per target (quotas.policies_per_target); attach some at another level of the OU tree",
    ]);
  });

  it("names an account target and counts the automatic data-store protection", () => {
    const config: OrgConfig = { ...example, quotas: { ...example.quotas, policiesPerTarget: 1 } };
    const errors = stackErrors(config);
    expect(errors).toContain("account stage: 2 SCPs (FullAWSAccess, protect-data-stores), over the limit of 1 per target (quotas.policies_per_target); attach some at another level of the OU tree");
    expect(errors).toContain("OU security: 2 SCPs (FullAWSAccess, deny-public-network), over the limit of 1 per target (quotas.policies_per_target); attach some at another level of the OU tree");
    // root, 2 OUs (security, suspended), 2 accounts
    expect(errors).toHaveLength(5);
  });
});

describe("wildcards in actions", () => {
  it("accepts * alone or at the end, and rejects it anywhere else", () => {
    const doc = policyDocument(
      { Effect: "Deny", Action: ["*", "s3:*", "s3:Get*", "s3:Get*Object", "*:GetObject"], Resource: "*" },
      { Effect: "Deny", NotAction: "ec2:Describe*Instances", Resource: "*" },
      { Effect: "Deny", Action: "iam:PassRole", Resource: "arn:aws:iam::*:role/*" },
    );
    // resources may hold * anywhere; only actions are limited
    expect(misplacedWildcards(doc)).toEqual(["s3:Get*Object", "*:GetObject", "ec2:Describe*Instances"]);
  });

  it("names every target of a guardrail attached in several places", () => {
    const bad = policyDocument({ Sid: "Bad", Effect: "Deny", Action: ["s3:Get*Object"], Resource: "*" });
    expect(guardrailProblems(example, new Map([["protect-data-stores", bad]]))).toEqual([
      'guardrail protect-data-stores: action "s3:Get*Object" has a * before its end, which SCPs do not allow; attached to account stage, account prod (put * only at the end, e.g. s3:Get*, or list the actions)',
    ]);
  });

  it("fails a guardrail whose document has one, naming the action and its targets", () => {
    const bad = policyDocument({ Sid: "Bad", Effect: "Deny", Action: ["s3:Get*Object"], Resource: "*" });
    expect(guardrailProblems(example, new Map([["region-allow-list", bad]]))).toEqual([
      'guardrail region-allow-list: action "s3:Get*Object" has a * before its end, which SCPs do not allow; attached to the organization root (put * only at the end, e.g. s3:Get*, or list the actions)',
    ]);
  });
});
