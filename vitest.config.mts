import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    setupFiles: ["test/setup.ts"],
    // Terraform runs are ~2 s and ~600 MB each; suites bound their own parallelism.
    testTimeout: 120_000,
    hookTimeout: 300_000,
    pool: "forks",
    maxWorkers: 2,
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
