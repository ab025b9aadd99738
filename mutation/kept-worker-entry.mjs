/**
 * The kept child's entry (mutation/kept-worker.mjs): vitest's own forks
 * worker, in a process that serves many runs.
 */
// Each run's "start" adds one RPC listener that is never removed (its "stop"
// is not passed on): expected here, not a leak to warn about.
process.setMaxListeners(0);
// The parent is Stryker's test-runner process: when Stryker ends or replaces
// it (a timed-out mutant), this child must not stay behind.
// (vitest replaces process.exit with a throwing stub once tests run.)
const exit = process.exit.bind(process);
process.once("disconnect", () => exit(0));
await import(process.argv[2]);
