/**
 * A setup file of `npm run mutate`: every test file is collected with no
 * mutant active, as it would be in a new process.
 *
 * Stryker's own setup file activates a run's mutant in `beforeAll`, after the
 * test file has been imported. In the kept child (mutation/kept-worker.mts)
 * the previous run's mutant is still active while the next run imports its
 * test files, so a test file that loads the example config at import would
 * load it through the previous mutant and judge this one with it.
 */
import { inject } from "vitest";

// Stryker provides its namespace; a plain `vitest --config vitest.mutate.config.mts` does not.
const namespace = (inject as (key: string) => unknown)("globalNamespace");
if (typeof namespace === "string") {
  const state = (globalThis as unknown as Record<string, { activeMutant?: string } | undefined>)[namespace];
  if (state) state.activeMutant = undefined;
}
