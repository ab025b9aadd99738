/**
 * How the rules are applied: to every stack through the base stack, failing
 * synth before anything is written however the app is run, with exemptions
 * that name one resource and say why.
 */
import { S3BucketVersioningA } from "@cdktf/provider-aws/lib/s3-bucket-versioning";
import { App, Aspects, Testing, TerraformStack, type TerraformResource } from "cdktf";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { buildAllStacks } from "../../stacks/all-stacks.ts";
import { ALL_RULES, exemptFromRule, listExemptions, PolicyRulesAspect, type PolicyRule } from "../../stacks/policies/index.ts";
import { synthesizeOrThrow } from "../../stacks/synthesize.ts";
import { EXAMPLE_CONFIG, REPO_ROOT } from "../helpers/example-config.ts";
import { testApp } from "../helpers/synth.ts";
import { buildProject } from "./codebuild.fixture.ts";
import { bucket, buildTestStack, config, errorLines, PolicyTestStack, synthErrors, testAccount } from "./helpers.ts";

const RULES_DIR = join(REPO_ROOT, "stacks", "policies", "rules");
const STACKS_README = join(REPO_ROOT, "stacks", "README.md");

const UNENCRYPTED =
  "[bad/b] [s3-encrypted] aws_s3_bucket.b: has no default encryption (add an aws_s3_bucket_server_side_encryption_configuration for it, or build it with SecureBucket from stacks/secure-bucket.ts)";

/** The folder whose README documents a stack: app-<env> stacks share app/. */
function stackFolder(stackId: string): string {
  return stackId.startsWith("app-") ? "app" : stackId;
}

describe("the rule set", () => {
  const files = readdirSync(RULES_DIR).filter((f) => f.endsWith(".ts"));

  it("has one rule per file, named by its id, every one applied", async () => {
    const exported: PolicyRule[] = [];
    for (const file of files) {
      const module = (await import(join(RULES_DIR, file))) as Record<string, unknown>;
      const rules = Object.values(module).filter((v): v is PolicyRule => typeof v === "object" && v !== null && "check" in v && "id" in v);
      expect(
        rules.map((r) => r.id),
        file,
      ).toEqual([basename(file, ".ts")]);
      exported.push(...rules);
    }
    expect([...ALL_RULES].sort((a, b) => a.id.localeCompare(b.id))).toEqual(exported.sort((a, b) => a.id.localeCompare(b.id)));
  });

  it("has a compliant and a non-compliant test for each rule", () => {
    const missing = ALL_RULES.map((r) => `${r.id}.test.ts`).filter((f) => !existsSync(join(import.meta.dirname, f)));
    expect(missing).toEqual([]);
  });

  it("is documented in stacks/README.md, one row per rule with what compliance means", () => {
    const readme = readFileSync(STACKS_README, "utf8");
    for (const rule of ALL_RULES) expect(readme, rule.id).toContain(`| \`${rule.id}\` | ${rule.description} |`);
  });
});

describe("the example config", () => {
  it("synthesizes every stack with the rules applied and without a violation or an unneeded exemption", () => {
    const { app, cleanup } = testApp();
    try {
      buildAllStacks(app, config);
      const stacks = app.node.children.filter((c): c is TerraformStack => TerraformStack.isStack(c));
      expect(stacks.length).toBeGreaterThan(0);
      for (const stack of stacks)
        expect(
          Aspects.of(stack).all.some((a) => a instanceof PolicyRulesAspect),
          stack.node.id,
        ).toBe(true);
      expect(() => app.synth()).not.toThrow();
      // Other warnings (e.g. "organization trail not created yet") are the stacks' own business.
      const ruleWarning = (data: unknown) => ALL_RULES.some((r) => String(data).startsWith(`[${r.id}] `));
      const warnings = stacks.flatMap((s) => s.node.findAll().flatMap((n) => n.node.metadata.filter((m) => m.type === "@cdktf/warn" && ruleWarning(m.data))));
      expect(warnings).toEqual([]);
    } finally {
      cleanup();
    }
  });

  it("lists every exemption in the README of its stack's folder", () => {
    const { app, cleanup } = testApp();
    try {
      buildAllStacks(app, config);
      for (const stack of app.node.children.filter((c): c is TerraformStack => TerraformStack.isStack(c))) {
        const exemptions = listExemptions(stack);
        if (exemptions.length === 0) continue;
        const readmePath = join(REPO_ROOT, stackFolder(stack.node.id), "README.md");
        const lines = existsSync(readmePath) ? readFileSync(readmePath, "utf8").split("\n") : [];
        for (const e of exemptions) {
          const row = `| \`${e.path}\` | \`${e.ruleId}\` | ${e.reason} |`;
          expect(lines, `${readmePath} must list the exemption as the table row: ${row}`).toContain(row);
        }
      }
    } finally {
      cleanup();
    }
  });
});

describe("a violation", () => {
  const unencrypted = (s: PolicyTestStack) => bucket(s, "b", "acme-b", { encryption: false });
  let outdir: string | undefined;
  afterEach(() => {
    if (outdir) rmSync(join(outdir, ".."), { recursive: true, force: true });
    outdir = undefined;
    delete process.env.CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS;
  });

  function synthesizeBadStack(): { error: unknown; written: string[] } {
    outdir = join(mkdtempSync(join(tmpdir(), "policy-synth-")), "cdktf.out");
    let error: unknown;
    try {
      synthesizeOrThrow({ configDir: EXAMPLE_CONFIG, outdir }, (app, cfg) => {
        new PolicyTestStack(app, "bad", { config: cfg, account: cfg.managementAccount }, unencrypted);
      });
    } catch (err) {
      error = err;
    }
    return { error, written: readdirSync(join(outdir, "..")) };
  }

  it("fails the entry point's synth, naming the resource and the rule, and nothing is written", () => {
    const { error, written } = synthesizeBadStack();
    expect(errorLines(error)).toEqual([UNENCRYPTED]);
    expect(written).toEqual([]);
  });

  it("fails it the same way under the cdktf CLI, which sets CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS", () => {
    process.env.CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS = "true";
    const { error, written } = synthesizeBadStack();
    expect(errorLines(error)).toEqual([UNENCRYPTED]);
    expect(written).toEqual([]);
  });

  it("is also an error annotation on the resource, which fails synth when validations are skipped", () => {
    const outdir = mkdtempSync(join(tmpdir(), "policy-synth-"));
    try {
      const app = new App({ outdir, stackTraces: false, skipValidation: true });
      new PolicyTestStack(app, "bad", { config, account: testAccount("org") }, unencrypted);
      expect(() => app.synth()).toThrow(/^Encountered Annotations with level "ERROR":/);
      let error: unknown;
      try {
        app.synth();
      } catch (err) {
        error = err;
      }
      expect(errorLines(error)).toEqual([UNENCRYPTED]);
    } finally {
      rmSync(outdir, { recursive: true, force: true });
    }
  });

  it("is reported once however often the stack is synthesized", () => {
    const { app, cleanup } = testApp();
    try {
      const stack = new PolicyTestStack(app, "bad", { config, account: testAccount("org") }, unencrypted);
      Testing.synth(stack);
      Testing.synth(stack);
      expect(() => app.synth()).toThrow();
      const errors = stack.node.findAll().flatMap((n) => n.node.metadata.filter((m) => m.type === "@cdktf/error"));
      expect(errors).toHaveLength(1);
    } finally {
      cleanup();
    }
  });

  it("cannot be hidden with an escape-hatch override: rules read what Terraform will read", () => {
    expect(
      synthErrors((s) => {
        bucket(s, "b", "acme-b");
        (s.node.findChild("b-versioning") as S3BucketVersioningA).addOverride("versioning_configuration.status", "Suspended");
      }),
    ).toEqual([
      '[test/b] [s3-versioned] aws_s3_bucket.b: may hold state or artifacts (no purpose declared) but has versioning Suspended (add an aws_s3_bucket_versioning with status "Enabled", or if it holds neither state nor artifacts declare that with setBucketPurpose(bucket, "logs" | "website" | "scratch"))',
    ]);
  });
});

describe("an exemption", () => {
  const REASON = "builds the Docker images of app/ (docker build needs privileged mode); the project runs only the repository's own buildspec";

  it("lets exactly the named resource break exactly that rule, and is listed with its reason", () => {
    const { app, cleanup } = testApp();
    try {
      const stack = buildTestStack(app, (s) => {
        exemptFromRule(buildProject(s, "docker-build", true), "codebuild-not-privileged", REASON);
        buildProject(s, "other-build", true);
      });
      let error: unknown;
      try {
        app.synth();
      } catch (err) {
        error = err;
      }
      expect(errorLines(error)).toEqual([
        "[test/other-build] [codebuild-not-privileged] aws_codebuild_project.other-build: runs its builds in privileged mode, which gives the build root on its host (turn privilegedMode off; if it must build container images, exempt it with exemptFromRule and say why)",
      ]);
      expect(listExemptions(stack)).toEqual([{ ruleId: "codebuild-not-privileged", reason: REASON, path: "test/docker-build", address: "aws_codebuild_project.docker-build" }]);
    } finally {
      cleanup();
    }
  });

  it("that is no longer needed is a warning", () => {
    const { app, cleanup } = testApp();
    try {
      const stack = buildTestStack(app, (s) => exemptFromRule(buildProject(s, "build", false), "codebuild-not-privileged", REASON));
      app.synth();
      const project = stack.node.findChild("build") as TerraformResource;
      expect(project.node.metadata.filter((m) => m.type === "@cdktf/warn").map((m) => m.data)).toEqual([
        "[codebuild-not-privileged] aws_codebuild_project.build: is exempt but complies (remove the exemption and its README entry)",
      ]);
    } finally {
      cleanup();
    }
  });

  it("must name a known rule that checks the resource, a resource, and a reason, once", () => {
    const attempt = (exempt: (s: PolicyTestStack) => void) => () => synthErrors(exempt);
    expect(attempt((s) => exemptFromRule(buildProject(s, "b", true), "codebuild-privileged", REASON))).toThrow(
      `exemptFromRule(test/b, "codebuild-privileged"): no such rule (rules: ${ALL_RULES.map((r) => r.id).join(", ")})`,
    );
    expect(attempt((s) => exemptFromRule(buildProject(s, "b", true), "s3-encrypted", REASON))).toThrow(
      'exemptFromRule(test/b, "s3-encrypted"): the rule does not check aws_codebuild_project (it checks aws_s3_bucket)',
    );
    expect(attempt((s) => exemptFromRule(buildProject(s, "b", true), "codebuild-not-privileged", "  "))).toThrow(
      'exemptFromRule(test/b, "codebuild-not-privileged"): give the reason the resource may break the rule',
    );
    expect(attempt((s) => exemptFromRule(s, "codebuild-not-privileged", REASON))).toThrow(
      'exemptFromRule(test, "codebuild-not-privileged"): not a Terraform resource; exempt the resource itself (for a SecureBucket: its .bucket)',
    );
    expect(
      attempt((s) => {
        const project = buildProject(s, "b", true);
        exemptFromRule(project, "codebuild-not-privileged", REASON);
        exemptFromRule(project, "codebuild-not-privileged", REASON);
      }),
    ).toThrow('exemptFromRule(test/b, "codebuild-not-privileged"): already exempt from this rule');
  });
});
