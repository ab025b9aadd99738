/**
 * npm run bench: synth and preview speed, measured side by side in one run
 * (median of 5 runs after a warm-up, and peak memory): every stack of the
 * example directly, the same through `cdktf synth`, the floor (a one-stack,
 * one-bucket app started the same way), generated organizations of 10, 100
 * and 300 accounts with 3, 10 and 30 environments, and `npm run preview`.
 * Prints a table with ratios to the floor and the fitted growth exponent;
 * writes the figures as JSON to .cache/bench.json (git-ignored).
 * `--runs N` changes the number of measured runs.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { generateOrg } from "./generate-org.ts";
import { fittedExponent, measure, type Command, type Measurement } from "./measure.ts";

const ROOT = join(import.meta.dirname, "..");
const EXAMPLE = join(ROOT, "config");
const runsArg = process.argv.indexOf("--runs");
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 5;
if (!Number.isInteger(RUNS) || RUNS < 1) throw new Error("--runs: give a whole number of runs, at least 1");

const scratch = mkdtempSync(join(tmpdir(), "bench-"));
const node = process.execPath;
const synth = (name: string, entry: string, configDir: string): Command => ({
  name,
  argv: [node, join(ROOT, "scripts", "run.cjs"), entry],
  cwd: ROOT,
  env: { ...process.env, CDKTF_OUTDIR: join(scratch, `${name.replace(/\W+/g, "-")}-out`), ORG_CONFIG_DIR: configDir },
});

const SIZES = [
  { accounts: 10, environments: 3 },
  { accounts: 100, environments: 10 },
  { accounts: 300, environments: 30 },
] as const;

try {
  const results: Measurement[] = [];
  const step = (c: Command) => {
    process.stdout.write(`measuring ${c.name} (${RUNS} runs after a warm-up)...\n`);
    const m = measure(c, RUNS, scratch);
    results.push(m);
    return m;
  };
  const floor = step(synth("floor: one stack, one bucket", join(ROOT, "test", "timing", "floor-app.ts"), EXAMPLE));
  step(synth("example: every stack, direct", join(ROOT, "main.ts"), EXAMPLE));
  step({
    name: "example: cdktf synth",
    argv: [join(ROOT, "node_modules", ".bin", "cdktf"), "synth", "--output", join(scratch, "cdktf-synth-out")],
    cwd: ROOT,
    env: { ...process.env, ORG_CONFIG_DIR: EXAMPLE, CHECKPOINT_DISABLE: "1" },
  });
  const generated = SIZES.map((size) => {
    const configDir = generateOrg(EXAMPLE, join(scratch, `org-${size.accounts}`), size);
    return { size, m: step(synth(`${size.accounts} accounts, ${size.environments} environments`, join(ROOT, "main.ts"), configDir)) };
  });
  step({
    name: "example: npm run preview",
    argv: [node, join(ROOT, "scripts", "run.cjs"), join(ROOT, "cli", "preview.ts")],
    cwd: ROOT,
    env: { ...process.env, ORG_CONFIG_DIR: EXAMPLE, CDKTF_OUTDIR: join(scratch, "preview-out"), PREVIEW_WORK_ROOT: join(scratch, "preview-work") },
  });

  const exponent = fittedExponent(generated.map(({ size, m }) => ({ size: size.accounts, seconds: m.medianSeconds })));
  const rows = results.map((m) => [m.name, `${m.medianSeconds.toFixed(2)} s`, `${(m.medianSeconds / floor.medianSeconds).toFixed(1)}×`, `${Math.round(m.peakBytes / 2 ** 20)} MB`]);
  const header = ["what", "median", "vs floor", "peak memory"];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i]!))
      .join("  ")
      .trimEnd();
  process.stdout.write(`\n${line(header)}\n${line(widths.map((w) => "-".repeat(w)))}\n${rows.map(line).join("\n")}\n`);
  process.stdout.write(`\ngrowth from 10 to 300 accounts: time ~ accounts^${exponent.toFixed(2)} (1.00 is linear)\n`);
  process.stdout.write(`machine: ${cpus().length} cores, ${cpus()[0]?.model ?? "unknown CPU"}, Node ${process.version}\n`);
  mkdirSync(join(ROOT, ".cache"), { recursive: true });
  writeFileSync(join(ROOT, ".cache", "bench.json"), `${JSON.stringify({ date: new Date().toISOString(), runs: RUNS, cores: cpus().length, node: process.version, exponent, results }, null, 2)}\n`);
  process.stdout.write("figures written to .cache/bench.json\n");
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
