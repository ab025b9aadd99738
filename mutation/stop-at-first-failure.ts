/**
 * The test runner of `npm run mutate`: once a test of a run has failed, the
 * run's remaining test files are not imported.
 *
 * Stryker asks vitest to stop at the first failing test (`bail: 1`): one
 * failing test kills the mutant. Vitest bails from its main process, though:
 * the failure travels there and the cancel travels back, and meanwhile the
 * worker imports every remaining covering test file with its setup files,
 * which then skip their tests. That was 20–40 ms a file, 0.25 s a mutant
 * for a policy rule covered by 13 files (measured 2026-12-07). Deciding in
 * the worker stops where vitest's bail would, without the imports.
 *
 * A skipped file has no tests, so the mutate config sets `passWithNoTests`:
 * otherwise vitest would fail it with "No test suite found", which would
 * also fail a run that a test already failed, so no result would change,
 * but the report would carry the noise. With `bail` off (Stryker's
 * `disableBail`, to list every killing test) nothing is skipped.
 */
import type { RunnerTask, RunnerTestSuite } from "vitest";
import { VitestTestRunner } from "vitest/runners";

type ImportSource = Parameters<VitestTestRunner["importFile"]>[1];

export default class StopAtFirstFailure extends VitestTestRunner {
  /** Vitest makes a runner per run, so this starts false for each mutant. */
  #failed = false;

  override importFile(filepath: string, source: ImportSource): unknown {
    if (this.#failed) return undefined;
    return super.importFile(filepath, source);
  }

  override onAfterRunTask(test: RunnerTask): void {
    super.onAfterRunTask(test);
    this.#note(test);
  }

  /** A file that fails to load, or a failing beforeAll, fails its suite rather than a test. */
  override async onAfterRunSuite(suite: RunnerTestSuite): Promise<void> {
    await super.onAfterRunSuite(suite);
    this.#note(suite);
  }

  #note(task: RunnerTask): void {
    if (task.result?.state === "fail" && (this.config.bail ?? 0) > 0) this.#failed = true;
  }
}
