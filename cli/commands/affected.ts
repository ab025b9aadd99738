/**
 * `affected`: the stacks a change touches, found by synthesizing both
 * revisions and comparing each stack's Terraform JSON, not by guessing from
 * file paths (a change to the base stack touches every stack; one account
 * file touches only org). Default: from the merge base with the STAGE branch
 * (main) to the working tree. The base revision is checked out into a
 * temporary git worktree sharing this clone's node_modules, and synthesized
 * with its own code and config.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SHARED_STACKS_BRANCH } from "../../config/promotion.ts";
import type { RunResult } from "../../engine/runner.ts";
import { CliError, type Io, type Workspace } from "../io.ts";

/** What this command needs of a workspace (the preview entry point builds just this). */
export type GitWorkspace = Pick<Workspace, "run" | "repoRoot" | "env">;

export interface AffectedOptions {
  /** A git revision; default: the merge base of HEAD and the STAGE branch. */
  readonly base?: string;
  /** A git revision; default: the working tree (committed or not). */
  readonly head?: string;
}

export interface AffectedResult {
  readonly base: string;
  readonly head: string;
  /** Stack ids whose synthesized JSON differs (added and removed stacks included), as the manifest lists them. */
  readonly affected: string[];
  readonly unchanged: string[];
}

async function git(ws: GitWorkspace, args: readonly string[]): Promise<RunResult> {
  const result = await ws.run("git", args, { cwd: ws.repoRoot, env: ws.env, timeoutMs: 120_000 });
  if (result.notStarted !== undefined) throw new CliError(`git could not be started (${result.notStarted}): affected needs git on the PATH and a clone of the repository`, 2);
  return result;
}

async function mergeBase(ws: GitWorkspace): Promise<string> {
  for (const branch of [`origin/${SHARED_STACKS_BRANCH}`, SHARED_STACKS_BRANCH]) {
    const found = await git(ws, ["merge-base", "HEAD", branch]);
    if (found.status === 0) return found.stdout.trim();
  }
  throw new CliError(`no merge base of HEAD with origin/${SHARED_STACKS_BRANCH} or ${SHARED_STACKS_BRANCH}: give --base <revision> (fetch the branch: git fetch origin ${SHARED_STACKS_BRANCH})`);
}

/** Synthesizes every stack of the tree at `root` (its own code, its own config/) into `outdir`. */
async function synthesizeTree(ws: GitWorkspace, root: string, outdir: string, label: string): Promise<void> {
  const env = { ...ws.env, CDKTF_OUTDIR: outdir, ORG_CONFIG_DIR: join(root, "config") };
  const run = await ws.run(process.execPath, [join(root, "scripts", "run.cjs"), join(root, "main.ts")], { cwd: root, env, timeoutMs: 300_000 });
  if (run.status !== 0) {
    throw new CliError(`synthesizing ${label} failed (exit ${run.status}):\n${(run.stderr || run.stdout).trim().split("\n").slice(-15).join("\n")}`);
  }
}

/**
 * The stack's JSON without what says nothing about the infrastructure:
 * cdktf's metadata block, and the tree's own location (a local state path
 * is absolute, and the base is synthesized in another folder).
 */
function stackJson(outdir: string, root: string, id: string): string | undefined {
  const path = join(outdir, "stacks", id, "cdk.tf.json");
  if (!existsSync(path)) return undefined;
  const json = JSON.parse(readFileSync(path, "utf8")) as Record<string, unknown>;
  delete json["//"];
  return JSON.stringify(json).split(JSON.stringify(root).slice(1, -1)).join("<repository>");
}

function stackIds(outdir: string): string[] {
  const manifest = JSON.parse(readFileSync(join(outdir, "manifest.json"), "utf8")) as { stacks: Record<string, unknown> };
  return Object.keys(manifest.stacks);
}

export async function findAffected(ws: GitWorkspace, options: AffectedOptions = {}): Promise<AffectedResult> {
  const base = options.base ?? (await mergeBase(ws));
  const resolved = await git(ws, ["rev-parse", "--verify", "--quiet", `${base}^{commit}`]);
  if (resolved.status !== 0) throw new CliError(`--base ${base}: not a revision of this clone`);
  const scratch = mkdtempSync(join(tmpdir(), "affected-"));
  const worktrees: string[] = [];
  try {
    const checkout = async (rev: string, name: string): Promise<string> => {
      const dir = join(scratch, name);
      const added = await git(ws, ["worktree", "add", "--detach", "--quiet", dir, rev]);
      if (added.status !== 0) throw new CliError(`git worktree add ${rev} failed: ${(added.stderr || added.stdout).trim()}`);
      worktrees.push(dir);
      // The old revision runs with this clone's dependencies (a lock file change is a change to every stack anyway).
      symlinkSync(join(ws.repoRoot, "node_modules"), join(dir, "node_modules"), "dir");
      return dir;
    };
    const baseRoot = await checkout(resolved.stdout.trim(), "base");
    const headRoot = options.head === undefined ? ws.repoRoot : await checkout(options.head, "head");
    await synthesizeTree(ws, baseRoot, join(scratch, "base-out"), `the base ${base}`);
    await synthesizeTree(ws, headRoot, join(scratch, "head-out"), options.head === undefined ? "the working tree" : `the head ${options.head}`);
    const headIds = stackIds(join(scratch, "head-out"));
    const baseIds = stackIds(join(scratch, "base-out"));
    const all = [...headIds, ...baseIds.filter((id) => !headIds.includes(id))];
    const affected = all.filter((id) => stackJson(join(scratch, "base-out"), baseRoot, id) !== stackJson(join(scratch, "head-out"), headRoot, id));
    return { base, head: options.head ?? "the working tree", affected, unchanged: all.filter((id) => !affected.includes(id)) };
  } finally {
    for (const dir of worktrees) await git(ws, ["worktree", "remove", "--force", dir]);
    rmSync(scratch, { recursive: true, force: true });
  }
}

export async function runAffected(ws: Workspace, io: Io, options: AffectedOptions & { json?: boolean }): Promise<AffectedResult> {
  const result = await findAffected(ws, options);
  if (options.json) {
    io.out(JSON.stringify(result));
    return result;
  }
  io.out(`stacks whose synthesized Terraform differs between ${result.base} and ${result.head}:`);
  for (const id of result.affected) io.out(`  ${id}`);
  if (result.affected.length === 0) io.out("  none");
  if (result.unchanged.length > 0) io.out(`unchanged: ${result.unchanged.join(", ")}`);
  return result;
}
