import { defineConfig } from "vitest/config";
import { endKeptChild, keptForks } from "./mutation/kept-worker.mts";
import { FailedFilesReporter, KillersFirst } from "./mutation/killers-first.mts";

/**
 * The tests `npm run mutate` runs against each mutant: the ones that defend
 * the mutated code (config validation, promotion, guardrails, destroy guard,
 * policy rules) and run in seconds. The suites that wait on Terraform or the
 * emulator are left out: a mutant run re-executes its covering tests, and a
 * 30 s Terraform plan per mutant would not fit the 15-minute budget.
 */
export default defineConfig({
  plugins: [
    {
      name: "mutate-kept-worker",
      // Stryker's runner sets `pool: "threads"` over this file's options, so
      // the pool is chosen once the projects exist (mutation/kept-worker.mts).
      configureVitest({ project, vitest }) {
        project.config.pool = keptForks.name;
        project.config.poolRunner = keptForks;
        vitest.onClose(endKeptChild);
      },
    },
  ],
  test: {
    setupFiles: ["test/setup.ts", "mutation/collect-unmutated.ts"],
    testTimeout: 60_000,
    // Mutants are switched at run time (static ones are ignored), so one
    // module cache can serve every test file and, in the kept child, every run.
    isolate: false,
    // A mutant is killed by its first failing test: the likeliest killer
    // runs first (mutation/killers-first.mts), and the files after a failure
    // are not even imported (mutation/stop-at-first-failure.ts), so those
    // files have no tests, which is no failure of theirs.
    sequence: { sequencer: KillersFirst },
    // Also no output of its own: Stryker reads the results, not the console
    // (to watch the tests run, add --reporter=default; that order is then cheapest first only).
    reporters: [new FailedFilesReporter()],
    runner: "./mutation/stop-at-first-failure.ts",
    passWithNoTests: true,
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
    exclude: [
      // Real Terraform plans, 30 s and more: the in-process guard tests cover
      // the same decisions in milliseconds.
      "test/engine/guard/real-plans.test.ts",
      // Defends synthesize.ts, which is not mutated. Its check passes for a
      // case only when the loader throws, and bad-config.test.ts already
      // asserts that, with the exact lines: it cannot kill a validation
      // mutant that one lets live, and would load every case a second time.
      "test/config/bad-config-writes-nothing.test.ts",
    ],
  },
});
