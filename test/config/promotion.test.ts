/**
 * The ref -> environment table: the one function the deploy command, the
 * pipelines' triggers, the roles' trust and the README table all use.
 */
import { describe, expect, it } from "vitest";
import type { EnvironmentConfig } from "../../config/model.ts";
import { environmentForRef, promotionGate, promotionRows, refPattern } from "../../config/promotion.ts";
import { loadConfig } from "../../config/load.ts";
import { EXAMPLE_CONFIG } from "../helpers/example-config.ts";

const environments = loadConfig({ configDir: EXAMPLE_CONFIG }).environments;

describe("environmentForRef, with the example config (develop -> dev, main -> stage, tag v* -> prod)", () => {
  it.each([
    ["refs/heads/develop", "dev"],
    ["refs/heads/main", "stage"],
    ["refs/tags/v1.2.3", "prod"],
    // The pattern is v*: the whole tag name is matched, and "v1" is v followed by a run of characters.
    ["refs/tags/v1", "prod"],
    ["refs/tags/v", "prod"],
    // Feature branches and branches named like a deploying one deploy nothing.
    ["refs/heads/feature/login", undefined],
    ["refs/heads/main2", undefined],
    ["refs/heads/develop-old", undefined],
    ["refs/heads/v1.2.3", undefined],
    // A tag the pattern does not match, or a tag named like a branch.
    ["refs/tags/release-1.0", undefined],
    ["refs/tags/1.0.0", undefined],
    ["refs/tags/main", undefined],
    ["refs/tags/xv1", undefined],
    // Short names, pull requests, remotes: only full branch and tag refs deploy.
    ["main", undefined],
    ["develop", undefined],
    ["v1.0.0", undefined],
    ["refs/pull/7/merge", undefined],
    ["refs/remotes/origin/main", undefined],
    ["", undefined],
  ])("%s -> %s", (ref, expected) => {
    expect(environmentForRef(environments, ref)?.environment.name).toBe(expected);
  });

  it("says why", () => {
    expect(environmentForRef(environments, "refs/heads/develop")?.reason).toBe("refs/heads/develop is the branch of dev");
    expect(environmentForRef(environments, "refs/tags/v2.0")?.reason).toBe("refs/tags/v2.0 matches the tag pattern v* of prod");
  });

  it("writes each environment's refs as one full-ref pattern", () => {
    expect(environments.map((e) => refPattern(e.trigger))).toEqual(["refs/heads/develop", "refs/heads/main", "refs/tags/v*"]);
  });
});

describe("promotionGate: a tag deploys only commits already on the branch of the environment before it", () => {
  const env = (name: string, trigger: EnvironmentConfig["trigger"]): EnvironmentConfig => ({ name, account: name, trigger, protected: false });

  it("prod's tagged commit must be on main, the STAGE branch; branch environments have no gate", () => {
    expect(environments.map((e) => promotionGate(environments, e)?.branch)).toEqual([undefined, undefined, "main"]);
    expect(promotionGate(environments, environments[2]!)?.from.name).toBe("stage");
  });

  it("follows the order of the environments, not their names", () => {
    const order = [env("qa", { kind: "branch", name: "trunk" }), env("live", { kind: "tag", pattern: "release-*" }), env("sandbox", { kind: "branch", name: "play" })];
    expect(promotionGate(order, order[1]!)?.branch).toBe("trunk");
    expect(environmentForRef(order, "refs/tags/release-7")?.environment.name).toBe("live");
    expect(environmentForRef(order, "refs/tags/v1")).toBeUndefined();
  });

  it("a tag environment listed before any branch has nothing to be checked against", () => {
    const order = [env("live", { kind: "tag", pattern: "v*" }), env("dev", { kind: "branch", name: "develop" })];
    expect(promotionGate(order, order[0]!)).toBeUndefined();
  });

  it("? matches exactly one character", () => {
    const order = [env("live", { kind: "tag", pattern: "v?" })];
    expect(environmentForRef(order, "refs/tags/v1")?.environment.name).toBe("live");
    expect(environmentForRef(order, "refs/tags/v10")).toBeUndefined();
  });

  it("skips tag environments in between: the gate is the nearest branch before", () => {
    const order = [env("stage", { kind: "branch", name: "main" }), env("rc", { kind: "tag", pattern: "rc-*" }), env("prod", { kind: "tag", pattern: "v*" })];
    expect(order.map((e) => promotionGate(order, e)?.branch)).toEqual([undefined, "main", "main"]);
    const late = [env("prod", { kind: "tag", pattern: "v*" }), env("stage", { kind: "branch", name: "main" })];
    expect(promotionGate(late, late[0]!)).toBeUndefined();
  });

  it("a tag environment is never reached by a branch ref", () => {
    const order = [env("live", { kind: "tag", pattern: "v*" })];
    expect(environmentForRef(order, "refs/heads/undefined")).toBeUndefined();
    expect(environmentForRef(order, "refs/heads/v1")).toBeUndefined();
  });
});

describe("promotionRows: the promotion table the README and the diagram show", () => {
  it("one row per environment, in order, with the branch a tagged commit must be on", () => {
    expect(promotionRows(environments)).toEqual([
      { ref: "refs/heads/develop", environment: "dev", account: "dev", protected: false },
      { ref: "refs/heads/main", environment: "stage", account: "stage", protected: true },
      { ref: "refs/tags/v*", environment: "prod", account: "prod", protected: true, requiresOnBranch: "main" },
    ]);
  });
});
