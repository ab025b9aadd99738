/**
 * Entry point of the `devops` command (`npm run accounts -- <command>`,
 * `npx devops accounts <command>`). The only file of the CLI that reads
 * process.argv, process.env and the terminal; everything else gets them passed in.
 */
import { dirname, join, resolve } from "node:path";
import { configDirFrom } from "../config/location.ts";
import type { Io, Workspace } from "./io.ts";
import { runCli } from "./program.ts";
import { inquirerPrompter } from "./prompts.ts";
import { spawnRunner } from "../engine/runner.ts";
import { colorWanted } from "./terminal.ts";
import { terminalSink } from "./progress.ts";

const env = process.env;
// The pinned AWS SDK (package.json) supports Node 20; its notice that later versions will not is
// about upgrades we choose, not something a user of a command can act on.
env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
const configDir = configDirFrom(env);
const ws: Workspace = {
  configDir,
  repoRoot: dirname(configDir),
  // Where `cd org && npx cdktf synth` puts it, so both share one .terraform and lock file.
  orgOutdir: resolve(env.CDKTF_OUTDIR ?? join(import.meta.dirname, "..", "org", "cdktf.out")),
  env,
  run: spawnRunner,
  // No colour codes in a file or a CI log (https://no-color.org).
  color: colorWanted(process.stdout.isTTY, env),
};
const io: Io = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  interactive: Boolean(process.stdin.isTTY && process.stdout.isTTY),
  prompt: inquirerPrompter,
  ...(process.stdout.isTTY && { columns: process.stdout.columns }),
  progress: terminalSink((line) => process.stdout.write(`${line}\n`)),
};

runCli(process.argv.slice(2), { ws, io }).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exitCode = 1;
  },
);
