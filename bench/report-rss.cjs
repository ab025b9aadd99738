// Preloaded into each measured process (node --require): reports the
// process's peak resident memory when it exits, to the file the benchmark
// names in BENCH_RSS_FILE. Portable where GNU time is not.
"use strict";
const { appendFileSync } = require("node:fs");
process.on("exit", () => {
  // Appended: under the cdktf CLI several node processes report; the benchmark takes the largest.
  if (process.env.BENCH_RSS_FILE) appendFileSync(process.env.BENCH_RSS_FILE, `${process.resourceUsage().maxRSS * 1024}\n`);
});
