import { defineConfig } from "vitest/config";
import { BaseSequencer, type TestSpecification } from "vitest/node";

/**
 * The long poles start first: the emulator lifecycle (every stack applied,
 * mostly waiting on the provider's Route 53 sleeps) and the terraform
 * suites. Started last, as a clean clone's default order (by file size)
 * can, the lifecycle alone outlasts everything else.
 */
const LONG_POLES = ["test/sandbox/lifecycle.test.ts", "test/terraform/preview-against-state.test.ts", "test/terraform/every-stack.test.ts"];

class LongPolesFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const rank = (f: TestSpecification) => {
      const i = LONG_POLES.findIndex((p) => f.moduleId.endsWith(p));
      return i === -1 ? LONG_POLES.length : i;
    };
    return sorted
      .map((f, i) => ({ f, i }))
      .sort((a, b) => rank(a.f) - rank(b.f) || a.i - b.i)
      .map(({ f }) => f);
  }
}

export default defineConfig({
  test: {
    setupFiles: ["test/setup.ts"],
    // Terraform runs are ~2 s and ~600 MB each; suites bound their own parallelism.
    testTimeout: 120_000,
    hookTimeout: 300_000,
    pool: "forks",
    maxWorkers: 2,
    sequence: { sequencer: LongPolesFirst },
    projects: [
      {
        extends: true,
        // Timings are measured first, alone: on 2 cores a terraform plan
        // running beside them would measure the neighbour, not the code.
        test: { name: "timing", include: ["test/timing/**/*.test.ts"], sequence: { groupOrder: 0 } },
      },
      {
        extends: true,
        test: { name: "main", include: ["test/**/*.test.ts"], exclude: ["test/timing/**"], sequence: { groupOrder: 1 } },
      },
    ],
  },
});
