import { defineConfig } from "vitest/config";

/**
 * The tests `npm run mutate` runs against each mutant: the ones that defend
 * the mutated code (config validation, promotion, guardrails, destroy guard,
 * policy rules) and run in seconds. The suites that wait on Terraform or the
 * emulator are left out: a mutant run re-executes its covering tests, and a
 * 30 s Terraform plan per mutant would not fit the 15-minute budget.
 */
export default defineConfig({
  test: {
    setupFiles: ["test/setup.ts"],
    testTimeout: 60_000,
    pool: "forks",
    // Mutants are switched at run time (static ones are ignored), so one module
    // cache can serve every run: 0.4 s a mutant instead of 1.5 s.
    isolate: false,
    include: [
      "test/policies/**/*.test.ts",
      "test/guardrails/**/*.test.ts",
      "test/org/guardrails.test.ts",
      "test/org/guardrail-checks.test.ts",
      "test/org/guardrail-actions.test.ts",
      "test/org/default-guardrails.test.ts",
      "test/engine/guard/**/*.test.ts",
      "test/config/**/*.test.ts",
    ],
    // Real Terraform plans, 30 s and more: the in-process guard tests cover
    // the same decisions in milliseconds.
    exclude: ["test/engine/guard/real-plans.test.ts"],
  },
});
