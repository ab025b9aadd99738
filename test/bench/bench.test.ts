/** The benchmark's parts: the generated organizations are valid configs of the asked size, and the growth fit is right. */
import { afterAll, describe, expect, it } from "vitest";
import { generateOrg } from "../../bench/generate-org.ts";
import { fittedExponent, median } from "../../bench/measure.ts";
import { loadConfig } from "../../config/load.ts";
import { stackEntries } from "../../stacks/registry.ts";
import { tempDir } from "../engine/helpers.ts";
import { EXAMPLE_CONFIG } from "../helpers/example-config.ts";

const tmp = tempDir("bench");
afterAll(() => tmp.remove());

describe("benchmark", () => {
  it.each([
    [10, 3],
    [100, 10],
    [300, 30],
  ])("generates a valid organization of %i member accounts and %i environments, each environment with its app stack", (accounts, environments) => {
    const config = loadConfig({ configDir: generateOrg(EXAMPLE_CONFIG, `${tmp.dir}/org-${accounts}`, { accounts, environments }) });
    expect(config.accounts.length - 1).toBe(accounts);
    expect(config.environments.length).toBe(environments);
    expect(stackEntries(config).filter((s) => s.folder === "app")).toHaveLength(environments);
  });

  it("fits the growth exponent: linear is 1, quadratic 2", () => {
    const sizes = [10, 100, 300];
    expect(fittedExponent(sizes.map((n) => ({ size: n, seconds: 0.02 * n })))).toBeCloseTo(1, 6);
    expect(fittedExponent(sizes.map((n) => ({ size: n, seconds: 0.001 * n * n })))).toBeCloseTo(2, 6);
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
});
