/**
 * Where the hashicorp/aws provider comes from when there is no registry, and
 * the Terraform CLI config that makes `terraform init` use it.
 *
 * Why: these machines have no access to the Terraform registry; the provider
 * (a 675 MB binary) sits in a filesystem mirror. `terraform init` with
 * `filesystem_mirror` for hashicorp/aws (and `direct` for everything else, so
 * a stray provider fails with a clear "not available" instead of silently
 * hanging on the network) installs it without network.
 *
 * Measured (Terraform 1.11.4, aws 5.100.0): from an *unpacked* mirror (the
 * layout on these machines) init symlinks the mirror directory into
 * `.terraform/providers`: ~0.55 s (2.5 s with a cold page cache) and 32 KB
 * per stack, with or without a plugin cache, so a cache buys nothing there.
 * From a *packed* (zip) mirror, init extracts 675 MB into every stack's
 * `.terraform` (1-3 s each); with `plugin_cache_dir` it is extracted once and
 * each stack gets a symlink (32 KB). So the config sets a plugin cache only
 * for a packed mirror. Concurrent `terraform init`s filling one empty cache
 * race ("mkdir ...: file exists", "provider binary not found", measured 3 of
 * 8 pairs), so with a cache callers must run inits one at a time
 * (verify-stacks does); without one, 18 concurrent inits never failed.
 */
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { join, resolve } from "node:path";

/** The provider this repository uses; the only one a mirror must hold. */
export const AWS_PROVIDER_ADDRESS = "registry.terraform.io/hashicorp/aws";

/** Places a filesystem mirror is usually found, in the order they are tried. */
export function knownMirrorLocations(home: string = homedir()): string[] {
  return ["/opt/tf-plugins", join(home, ".terraform.d", "plugins"), join(home, ".local", "share", "terraform", "plugins"), "/usr/local/share/terraform/plugins", "/usr/share/terraform/plugins"];
}

/** "packed" when the mirror holds hashicorp/aws as zip archives (then a plugin cache avoids a 675 MB copy per stack). */
export function mirrorLayout(mirror: string): "packed" | "unpacked" {
  const dir = join(mirror, AWS_PROVIDER_ADDRESS);
  return existsSync(dir) && readdirSync(dir).some((f) => f.endsWith(".zip")) ? "packed" : "unpacked";
}

function holdsAws(dir: string): boolean {
  const p = join(dir, AWS_PROVIDER_ADDRESS);
  return existsSync(p) && statSync(p).isDirectory();
}

/**
 * The filesystem mirror to use: `TF_PROVIDER_MIRROR` if set (an error if it is
 * missing or lacks hashicorp/aws), else the first known location holding
 * hashicorp/aws, else undefined.
 */
export function findProviderMirror(env: Record<string, string | undefined> = process.env, candidates: string[] = knownMirrorLocations(env.HOME || homedir())): string | undefined {
  const explicit = env.TF_PROVIDER_MIRROR;
  if (explicit !== undefined && explicit !== "") {
    const dir = resolve(explicit);
    if (!existsSync(dir)) {
      throw new Error(`TF_PROVIDER_MIRROR=${explicit}: no such directory`);
    }
    if (!holdsAws(dir)) {
      throw new Error(`TF_PROVIDER_MIRROR=${explicit} holds no ${AWS_PROVIDER_ADDRESS} (expected ${join(dir, AWS_PROVIDER_ADDRESS)}/<version>/<os_arch>/)`);
    }
    return dir;
  }
  return candidates.find(holdsAws);
}

/** The repository root (two levels above this file). */
export function repoRoot(): string {
  return resolve(import.meta.dirname, "..");
}

/** Default folder for the CLI config and plugin cache: `.terraform-cli/` at the repo root (git-ignored). */
export function defaultCliConfigDir(): string {
  return join(repoRoot(), ".terraform-cli");
}

function hclString(s: string): string {
  return JSON.stringify(s);
}

/** Where writeTerraformCliConfig puts the plugin cache (used only for a packed mirror). */
export function pluginCacheDir(dir: string = defaultCliConfigDir()): string {
  return join(resolve(dir), "plugin-cache");
}

/**
 * Writes `dir/terraformrc` (filesystem_mirror for hashicorp/aws, direct for
 * the rest; for a packed mirror a plugin cache in `dir/plugin-cache`) and
 * returns its path, for TF_CLI_CONFIG_FILE.
 */
export function writeTerraformCliConfig(mirror: string, dir: string = defaultCliConfigDir()): string {
  const absMirror = resolve(mirror);
  const absDir = resolve(dir);
  mkdirSync(absDir, { recursive: true });
  const cacheLines: string[] = [];
  if (mirrorLayout(absMirror) === "packed") {
    const cache = pluginCacheDir(absDir);
    mkdirSync(cache, { recursive: true });
    cacheLines.push("# Packed mirror: extract the provider once, symlink it into each stack.", `plugin_cache_dir = ${hclString(cache)}`);
  }
  const file = join(absDir, "terraformrc");
  const text = [
    "# Written by engine/provider-mirror.ts: offline provider installation.",
    ...cacheLines,
    "disable_checkpoint = true",
    "provider_installation {",
    "  filesystem_mirror {",
    `    path    = ${hclString(absMirror)}`,
    `    include = [${hclString(AWS_PROVIDER_ADDRESS)}]`,
    "  }",
    "  direct {",
    `    exclude = [${hclString(AWS_PROVIDER_ADDRESS)}]`,
    "  }",
    "}",
    "",
  ].join("\n");
  writeFileSync(file, text);
  return file;
}
