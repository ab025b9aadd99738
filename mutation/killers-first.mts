/**
 * The order of a mutant's covering test files in `npm run mutate`: the
 * files that failed most recently first, then the rest cheapest first.
 *
 * A mutant run ends at its first failing test (mutation/stop-at-first-failure.ts),
 * so what it costs is what runs before that test. Stryker hands the
 * mutants over source file by source file, and the test file that killed
 * the last mutants of a source file is by far the likeliest to kill the
 * next one (s3-tls-only.test.ts killed 108 of s3-tls-only.ts's 116).
 * Vitest's own order runs the last run's failing file first and then the
 * longest files first, which suits parallel workers, not a run that stops
 * at its first failure: whenever the previous run failed no covering file
 * (a surviving mutant, or a mutant of another source file), a policy rule's
 * mutant waited on a synthesis of all seven example stacks
 * (iam-no-users.test.ts, about 1 s) before its own 20 ms tests.
 *
 * The sequencer and the reporter share this module: vitest bundles the
 * config with the files it imports, so both see the same `lastFailedRun`.
 * A `--reporter` given on the command line replaces the config's reporters,
 * and with them this one: the order is then cheapest first only. Stryker's
 * runner gives none.
 */
import { relative } from "node:path";
import type { Reporter, TestModule, TestSpecification } from "vitest/node";
import { BaseSequencer } from "vitest/node";

/** The run (counted from 1) in which each test file last failed, by module id. */
const lastFailedRun = new Map<string, number>();
let runs = 0;

/** Notes which test files failed at the end of each run. */
export class FailedFilesReporter implements Reporter {
  onTestRunEnd(testModules: readonly TestModule[]): void {
    runs++;
    for (const module of testModules) if (module.state() === "failed") lastFailedRun.set(module.moduleId, runs);
  }
}

export class KillersFirst extends BaseSequencer {
  #sorted = 0;

  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    // The first run is Stryker's dry run of every test, and Stryker numbers
    // the tests in the order it runs them. In path order (not by the durations
    // of vitest's cache, which differ from tree to tree), the numbers are the
    // same every time, and a run that changes nothing leaves the committed
    // incremental file as it was.
    if (this.#sorted++ === 0) return [...files].sort((a, b) => (a.moduleId < b.moduleId ? -1 : a.moduleId > b.moduleId ? 1 : 0));
    const cache = this.ctx.cache;
    // vitest's own key for a file's last result
    const lastDuration = (f: TestSpecification) => cache.getFileTestResults(`${f.project.name}:${relative(this.ctx.config.root, f.moduleId)}`)?.duration ?? 0;
    const failedIn = (f: TestSpecification) => lastFailedRun.get(f.moduleId) ?? 0;
    return [...files].sort((a, b) => failedIn(b) - failedIn(a) || lastDuration(a) - lastDuration(b));
  }
}

