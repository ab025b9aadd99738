/** Temporary copies of the example config, so tests can change files without touching the real one. */
import { copyFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { loadConfig } from "../../config/load.ts";
import type { OrgConfig } from "../../config/model.ts";
import { ConfigError } from "../../config/problems.ts";

export const REPO_ROOT = join(import.meta.dirname, "..", "..");
export const EXAMPLE_CONFIG = join(REPO_ROOT, "config");

export interface TempRepo {
  /** Stands in for the repository root: holds config/. */
  readonly root: string;
  readonly configDir: string;
  write(file: string, text: string): void;
  read(file: string): string;
  /** Replace exactly one occurrence of `from` in a config file (fails loudly if it is not there once). */
  edit(file: string, from: string, to: string): void;
  remove(file: string): void;
  load(): OrgConfig;
  /** The problem lines, or [] when the config loads. */
  problems(): string[];
  cleanup(): void;
}

export function tempRepo(): TempRepo {
  const root = mkdtempSync(join(tmpdir(), "org-config-"));
  cpSync(EXAMPLE_CONFIG, join(root, "config"), { recursive: true, filter: (src) => !src.endsWith(".ts") });
  return repoAt(root);
}

/** Copies the READMEs `npm run docs` writes into (the root's and each account folder's) into the temporary repository. */
export function copyReadmes(repo: TempRepo): void {
  for (const file of ["README.md", "org/README.md", "dns/README.md", "corp/README.md", "tools/README.md", "app/README.md"]) {
    mkdirSync(dirname(join(repo.root, file)), { recursive: true });
    copyFileSync(join(REPO_ROOT, file), join(repo.root, file));
  }
}

/** A repository-like folder that already holds config/ (a sandbox's scratch folder, for example). */
export function repoAt(root: string): TempRepo {
  const configDir = join(root, "config");
  const path = (file: string) => join(configDir, file);
  const repo: TempRepo = {
    root,
    configDir,
    write: (file, text) => writeFileSync(path(file), text),
    read: (file) => readFileSync(path(file), "utf8"),
    edit: (file, from, to) => {
      const text = repo.read(file);
      const count = text.split(from).length - 1;
      if (count !== 1) throw new Error(`fixture edit: ${JSON.stringify(from)} occurs ${count} times in ${file}, expected once`);
      repo.write(file, text.replace(from, to));
    },
    remove: (file) => rmSync(path(file)),
    load: () => loadConfig({ configDir, repoRoot: root }),
    problems: () => {
      try {
        repo.load();
        return [];
      } catch (err) {
        if (err instanceof ConfigError) return err.lines;
        throw err;
      }
    },
    cleanup: () => rmSync(root, { recursive: true, force: true }),
  };
  return repo;
}

/** The example config with `change` applied, loaded; the temporary copy is gone afterwards. */
export function configWith(change: (repo: TempRepo) => void): OrgConfig {
  const repo = tempRepo();
  try {
    change(repo);
    return repo.load();
  } finally {
    repo.cleanup();
  }
}

/**
 * The corp account taken out of the example config the way a user must:
 * its account file, corp_account and corp.yaml, and the guardrail
 * expectations (several name corp; tests using this judge other things).
 */
export function removeCorpAccount(repo: TempRepo): void {
  repo.edit("organization.yaml", "accounts: [security, dns, corp,", "accounts: [security, dns,");
  repo.edit("organization.yaml", "corp_account: corp\n", "");
  repo.remove("accounts/corp.yaml");
  repo.remove("corp.yaml");
  repo.remove("guardrail-expectations.yaml");
}
