/**
 * A vitest pool whose child process outlives each run, for `npm run mutate`.
 *
 * Stryker runs each mutant as its own vitest run, and vitest 4 ends its
 * workers when a run ends: every mutant paid a new process and a new import
 * of cdktf, the provider classes and the config loader (0.3–0.9 s) before
 * its first test. Stryker switches mutants at run time (static mutants are
 * ignored), so one module cache can serve every mutant, as `isolate: false`
 * already lets it serve every test file of a run; vitest itself re-imports
 * each run's test files and setup files. So the "stop" at the end of a run
 * is answered here and not passed on, and the next run talks to the same
 * child. The child ends with vitest (`endKeptChild`), with this process, or
 * when its IPC channel closes (Stryker replacing a timed-out runner). It is
 * also replaced after a run that leaves its heap over a limit: what runs
 * leave behind accumulates in a kept process (mutation/kept-worker-entry.mjs).
 */
import { type ChildProcess, fork } from "node:child_process";
import { join } from "node:path";
import type { PoolOptions, PoolRunnerInitializer, PoolWorker, WorkerRequest } from "vitest/node";

const NAME = "kept-forks";
const ENTRY = join(import.meta.dirname, "kept-worker-entry.mjs");

type Listener = (arg: unknown) => void;

/** The one child of this process, kept between runs. */
let child: ChildProcess | undefined;
/** The child asked to be replaced once its current run ends (its heap is over the limit: mutation/kept-worker-entry.mjs). */
let retiring = false;

function liveChild(options: PoolOptions): ChildProcess {
  if (child?.connected) return child;
  const started = fork(ENTRY, [join(options.distPath, "workers", "forks.js")], {
    env: options.env,
    execArgv: options.execArgv,
    stdio: "pipe",
    serialization: "advanced",
  });
  started.stdout?.pipe(options.project.vitest.logger.outputStream);
  started.stderr?.pipe(options.project.vitest.logger.errorStream);
  started.on("message", (message: { keptWorkerRetire?: boolean } | undefined) => {
    if (message?.keptWorkerRetire === true && child === started) retiring = true;
  });
  started.once("exit", () => {
    if (child === started) child = undefined;
  });
  child = started;
  retiring = false;
  return started;
}

class KeptForksWorker implements PoolWorker {
  readonly name = NAME;
  readonly cacheFs = true;
  readonly #options: PoolOptions;
  #process: ChildProcess | undefined;
  /** What this run listens to, removed at its stop so the next run does not hear it. */
  #listeners: [string, Listener][] = [];

  constructor(options: PoolOptions) {
    this.#options = options;
  }

  async start(): Promise<void> {
    this.#process = liveChild(this.#options);
  }

  on(event: string, callback: Listener): void {
    this.#listeners.push([event, callback]);
    this.#running().on(event, callback);
  }

  off(event: string, callback: Listener): void {
    this.#listeners = this.#listeners.filter(([e, cb]) => e !== event || cb !== callback);
    this.#process?.off(event, callback);
  }

  send(message: WorkerRequest): void {
    if (message.type !== "stop") {
      this.#running().send(message);
      return;
    }
    // The child stays: answer its "stopped" for it, once the runner that
    // sent "stop" is listening for the answer.
    const messageListeners = this.#listeners.filter(([event]) => event === "message").map(([, cb]) => cb);
    setImmediate(() => {
      for (const cb of messageListeners) cb({ type: "stopped", __vitest_worker_response__: true });
    });
  }

  async stop(): Promise<void> {
    for (const [event, callback] of this.#listeners) this.#process?.off(event, callback);
    this.#listeners = [];
    this.#process = undefined;
    if (retiring) endKeptChild();
  }

  deserialize(data: unknown): unknown {
    return data;
  }

  canReuse(): boolean {
    return true;
  }

  #running(): ChildProcess {
    if (!this.#process) throw new Error("kept-forks: the worker is not started");
    return this.#process;
  }
}

/** The pool, for a project's `poolRunner`. */
export const keptForks: PoolRunnerInitializer = {
  name: NAME,
  createPoolWorker: (options) => new KeptForksWorker(options),
};

/** Ends the kept child; a later run starts a new one. */
export function endKeptChild(): void {
  child?.kill();
  child = undefined;
}

process.once("exit", endKeptChild);
