// @ts-check
/**
 * Mutation testing of the code that keeps users safe (`npm run mutate`).
 * Scores per module are recorded in the README ("Mutation testing").
 * @type {import('@stryker-mutator/api/core').PartialStrykerOptions}
 */
export default {
  testRunner: "vitest",
  vitest: { configFile: "vitest.mutate.config.mts", related: false },
  plugins: ["@stryker-mutator/vitest-runner"],
  mutate: [
    "config/validate*.ts",
    "config/schema.ts",
    "config/schema-problems.ts",
    "config/email-pattern.ts",
    "config/promotion.ts",
    "org/guardrails/*.ts",
    "engine/guard/*.ts",
    "stacks/policies/rules/*.ts",
  ],
  // What the tests never read, and what `npm run sandbox` and the previews
  // leave behind (provider binaries, state): Stryker copies the project into
  // its sandbox, and a copied provider folder stops it (EISDIR).
  ignorePatterns: [".sandbox", ".preview", ".cache", ".terraform-cli", "**/.terraform", "**/cdktf.out", "hcl.out", "state", "coverage", "mutation/report.json", ".gen"],
  coverageAnalysis: "perTest",
  // Module-level data (guardrail action lists, the protected types, zod
  // schemas, rule metadata) is evaluated once at import: each such mutant
  // would need the whole suite re-run from a fresh process (~700 of them,
  // hours on 2 cores). They are reported as ignored and defended by exact
  // tests instead (README, "Mutation testing").
  ignoreStatic: true,
  concurrency: 2,
  incremental: true,
  incrementalFile: "mutation/stryker-incremental.json",
  reporters: ["clear-text", "progress", "json"],
  jsonReporter: { fileName: "mutation/report.json" },
  clearTextReporter: { allowColor: false, logTests: false, reportScoreTable: true },
  thresholds: { high: 90, low: 90, break: null },
  tempDirName: ".stryker-tmp",
  cleanTempDir: "always",
};
