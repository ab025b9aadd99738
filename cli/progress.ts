/**
 * Which stack a long command is on and how long each took. On a terminal, a
 * live status line (log-update) that names the stacks in progress and their
 * elapsed time, with a line kept for each finished one; without a terminal
 * (CI logs), plain lines. A step that finishes within `quickMs` leaves no
 * trace, so a quick command prints nothing extra.
 */
import { createLogUpdate } from "log-update";

/** Where progress goes: the entry point decides once, from the real streams. */
export interface ProgressSink {
  /** A plain line (CI logs, files). */
  line(text: string): void;
  /** The live status line, replaced on each call; undefined clears it. Absent without a terminal. */
  readonly status?: (text: string | undefined) => void;
}

export interface StepWords {
  /** Shown while a step runs: "planning". */
  readonly running: string;
  /** Shown when it is done: "planned". */
  readonly done: string;
}

export interface Progress {
  /**
   * Runs `work` as the named step: shown while it runs, timed when it ends
   * (also when it throws). `outcome` may name a result that is not a plain
   * success ("failed" for a plan that returned its error).
   */
  step<T>(name: string, work: () => Promise<T>, outcome?: (result: T) => string | undefined): Promise<T>;
  /** Clears the status line; call once when the command is done. */
  close(): void;
}

export interface ProgressOptions {
  readonly words: StepWords;
  /** How many steps the command has, for "2 of 7 done". */
  readonly total?: number;
  /** Below this a step is quick and leaves no trace; default 1 s. */
  readonly quickMs?: number;
  /** How often the status line's clocks tick; default 1 s. */
  readonly tickMs?: number;
  /**
   * Only the line at the end of each step: for commands that stream
   * Terraform's own output and ask before applying, where a live line or a
   * "still running" line would land in the middle of the plan.
   */
  readonly endLinesOnly?: boolean;
}

const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

/** Without a sink (tests running commands in-process), progress says nothing. */
export function createProgress(to: ProgressSink | undefined, options: ProgressOptions): Progress {
  const sink: ProgressSink = to === undefined ? { line: () => undefined } : options.endLinesOnly ? { line: to.line } : to;
  const announceSlow = options.endLinesOnly !== true;
  const quickMs = options.quickMs ?? 1000;
  const { running: verb, done: doneVerb } = options.words;
  const active = new Map<string, number>();
  let finished = 0;
  let ticker: NodeJS.Timeout | undefined;

  const render = (): void => {
    if (!sink.status) return;
    const now = performance.now();
    // Only once something has been running longer than a quick step.
    const slow = [...active].filter(([, started]) => now - started >= quickMs);
    if (slow.length === 0) return;
    const names = slow.map(([name, started]) => `${name} (${Math.floor((now - started) / 1000)} s)`).join(", ");
    const count = options.total === undefined ? "" : ` · ${finished} of ${options.total} done`;
    sink.status(`${verb} ${names}${count}`);
  };
  const startTicking = (): void => {
    if (!sink.status || ticker) return;
    ticker = setInterval(render, options.tickMs ?? 1000);
    ticker.unref();
  };
  const stopTicking = (): void => {
    if (ticker && active.size === 0) {
      clearInterval(ticker);
      ticker = undefined;
      sink.status?.(undefined);
    }
  };

  return {
    async step(name, work, outcome) {
      const started = performance.now();
      active.set(name, started);
      startTicking();
      // Without a terminal, say what has started only once it is not quick: a hang then shows where it is.
      const announce = sink.status || !announceSlow ? undefined : setTimeout(() => sink.line(`${name}: ${verb}...`), quickMs);
      announce?.unref();
      let ended = doneVerb;
      try {
        const result = await work();
        ended = outcome?.(result) ?? doneVerb;
        return result;
      } catch (err) {
        ended = "failed";
        throw err;
      } finally {
        clearTimeout(announce);
        active.delete(name);
        finished++;
        const took = performance.now() - started;
        if (took >= quickMs || ended === "failed") {
          sink.status?.(undefined);
          sink.line(`${name}: ${ended} in ${seconds(took)}`);
        }
        stopTicking();
        render();
      }
    },
    close() {
      if (ticker) clearInterval(ticker);
      ticker = undefined;
      sink.status?.(undefined);
    },
  };
}

/** The real sink: a live line on stderr when it is a terminal, plain lines on `line` otherwise or as well. */
export function terminalSink(line: (text: string) => void, stderr: NodeJS.WriteStream = process.stderr): ProgressSink {
  if (!stderr.isTTY) return { line };
  const live = createLogUpdate(stderr);
  return {
    line,
    status: (text) => (text === undefined ? live.clear() : live(text)),
  };
}
