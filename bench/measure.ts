/** Timing and memory of one command, run several times: the medians and peaks the benchmark reports. */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";

export interface Measurement {
  readonly name: string;
  readonly runs: number;
  /** Seconds, each measured run. */
  readonly seconds: readonly number[];
  readonly medianSeconds: number;
  /** Largest resident set of any node process of any run, in bytes. */
  readonly peakBytes: number;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** The exponent k of time ≈ c·size^k, by least squares on the logarithms. */
export function fittedExponent(points: readonly { size: number; seconds: number }[]): number {
  const xs = points.map((p) => Math.log(p.size));
  const ys = points.map((p) => Math.log(p.seconds));
  const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
  const my = ys.reduce((a, b) => a + b, 0) / ys.length;
  const num = xs.reduce((sum, x, i) => sum + (x - mx) * (ys[i]! - my), 0);
  const den = xs.reduce((sum, x) => sum + (x - mx) ** 2, 0);
  return num / den;
}

export interface Command {
  readonly name: string;
  readonly argv: readonly string[];
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
}

/** One warm-up run, then `runs` measured ones; every node process started reports its peak memory (report-rss.cjs). */
export function measure(command: Command, runs: number, scratch: string): Measurement {
  const rssFile = join(scratch, `${command.name.replace(/\W+/g, "-")}.rss`);
  const preload = join(import.meta.dirname, "report-rss.cjs");
  const env = { ...command.env, BENCH_RSS_FILE: rssFile, NODE_OPTIONS: `${command.env.NODE_OPTIONS ?? ""} --require ${preload}`.trim() };
  const once = () => {
    const started = performance.now();
    const run = spawnSync(command.argv[0]!, command.argv.slice(1), { cwd: command.cwd, env, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
    const seconds = (performance.now() - started) / 1000;
    if (run.status !== 0) throw new Error(`${command.name} failed (exit ${run.status}):\n${(run.stderr || run.stdout).split("\n").slice(-15).join("\n")}`);
    return seconds;
  };
  once();
  rmSync(rssFile, { force: true });
  const seconds = Array.from({ length: runs }, once);
  const peaks = existsSync(rssFile) ? readFileSync(rssFile, "utf8").trim().split("\n").map(Number) : [0];
  return { name: command.name, runs, seconds, medianSeconds: median(seconds), peakBytes: Math.max(...peaks) };
}
