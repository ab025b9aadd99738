import { defineConfig } from "vitest/config";
import { BaseSequencer, type TestSpecification } from "vitest/node";
import { endKeptChild, keptForks } from "./mutation/kept-worker.mts";

/**
 * Files whose tests take 100 ms to 1 s each (they synthesize the org stack or
 * judge every guardrail expectation; measured 2026-12-04), against 1–40 ms
 * for the rest. A mutant run stops at its first failing test, and vitest's
 * own order starts the longest files first: a config mutant that a 15 ms
 * bad-config case kills paid seconds of these before it got there. Vitest's
 * order (the last run's failing file first, then the longest) is kept
 * otherwise.
 */
const SLOWEST_LAST = ["test/policies/aspect.test.ts", "test/guardrails/expectations.test.ts", "test/org/default-guardrails.test.ts"];

class SlowestLast extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const rank = (f: TestSpecification) => SLOWEST_LAST.findIndex((p) => f.moduleId.endsWith(p));
    return sorted
      .map((f, i) => ({ f, i }))
      .sort((a, b) => rank(a.f) - rank(b.f) || a.i - b.i)
      .map(({ f }) => f);
  }
}

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
    sequence: { sequencer: SlowestLast },
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
