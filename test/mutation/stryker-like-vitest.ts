/**
 * A vitest over the real mutate config, made the way Stryker's vitest runner
 * makes it: pool "threads" (which the config replaces with its kept pool),
 * Stryker's bail, Stryker's namespace provided, and one instance for many
 * runs, each started on a cleared state.
 */
import { join } from "node:path";
import type { RunnerTestFile } from "vitest";
import { createVitest } from "vitest/node";
import { REPO_ROOT } from "../helpers/example-config.ts";

export interface StrykerLikeVitest {
  /** One mutant's run: the given test files (all included ones when omitted); the files as vitest reports them. */
  run(files?: string[]): Promise<RunnerTestFile[]>;
  close(): Promise<void>;
}

export async function strykerLikeVitest(include: string, bail = 1): Promise<StrykerLikeVitest> {
  const vitest = await createVitest("test", {
    root: REPO_ROOT,
    config: join(REPO_ROOT, "vitest.mutate.config.mts"),
    include: [include],
    pool: "threads",
    bail,
    watch: false,
  });
  vitest.provide("globalNamespace" as never, "__stryker__" as never);
  return {
    async run(files) {
      vitest.state.filesMap.clear();
      await vitest.start(files);
      return vitest.state.getFiles();
    },
    close: () => vitest.close(),
  };
}
