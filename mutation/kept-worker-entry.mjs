/**
 * The kept child's entry (mutation/kept-worker.mts): vitest's own forks
 * worker, in a process that serves many runs.
 */
// The parent is Stryker's test-runner process: when Stryker ends or replaces
// it (a timed-out mutant), this child must not stay behind.
// (vitest replaces process.exit with a throwing stub once tests run.)
const exit = process.exit.bind(process);
process.once("disconnect", () => exit(0));

// What a run leaves behind stays in this process: cdktf keeps every token
// it ever made in a global map, each with its creation stack, and so every
// stack a test synthesized (3–10 MB a run, measured 2026-12-07; 2.4 GB per
// child after 1,500 mutants, when every run paid for collecting that heap).
// A vitest worker is made to end with its run; this one asks to be replaced
// once a finished run leaves its heap over the limit, in the message that
// ends the run, so the parent knows before it stops the run.
const HEAP_LIMIT = Number(process.env.KEPT_WORKER_HEAP_LIMIT_MB ?? 512) * 1024 * 1024;
const send = process.send.bind(process);
process.send = (message, ...rest) =>
  send(message?.type === "testfileFinished" && process.memoryUsage().heapUsed > HEAP_LIMIT ? { ...message, keptWorkerRetire: true } : message, ...rest);

await import(process.argv[2]);

// Each run's "start" makes a new RPC channel listening on this process, and
// the "stop" that would remove it is not passed on (mutation/kept-worker.mts):
// the previous run's listener goes when the next run starts.
const permanent = new Set(process.listeners("message"));
process.prependListener("message", (message) => {
  if (message?.__vitest_worker_request__ !== true || message.type !== "start") return;
  for (const listener of process.listeners("message")) if (!permanent.has(listener)) process.off("message", listener);
});
permanent.add(process.listeners("message")[0]);
