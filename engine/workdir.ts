/**
 * Turns a synthesized stack directory into a throwaway copy that Terraform can
 * plan offline, and says what it had to change to get there.
 *
 * Why a copy: the input (`cdktf.out/stacks/<id>/`) is what a real run applies;
 * it is never written. In the copy:
 * - `backend_override.tf.json` replaces whatever backend (local, s3, cloud)
 *   with a local state file inside the copy, so no real state is read, locked
 *   or written;
 * - top-level `import` blocks are removed and returned: Terraform reads the
 *   imported object from AWS during plan (measured: DescribeAccount for an
 *   aws_organizations_account), which cannot work offline. Callers report
 *   them, never hide them;
 * - `terraform_remote_state` data sources are redirected by
 *   `remote_state_override.tf.json`: a local upstream state file that exists
 *   is read from its absolute path; anything else (an S3 state, a local file
 *   not written yet) reads an empty state, so outputs take their `defaults`.
 *   Measured: a local remote state whose file does not exist is an error
 *   ("Unable to find remote state") even with defaults, hence the empty file;
 * - optionally a given state file (Terraform state v4 JSON) becomes the local
 *   state, to plan changes against resources "as if applied".
 */
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { basename, isAbsolute, join, resolve } from "node:path";

/** One `import { to = ..., id = ... }` block. */
export interface ImportBlock {
  to: string;
  id: string;
  provider?: string;
}

/** Something the offline copy does differently from a real run. */
export interface NotPlanned {
  what: string;
  why: string;
}

export interface PreparedWorkDir {
  stackId: string;
  /** The copy: run terraform here. */
  dir: string;
  /** The local state file the override points at. */
  statePath: string;
  /** Import blocks removed from the copy (in file order); empty when stripImports is false. */
  imports: ImportBlock[];
  /** Remote state data sources read as empty offline. */
  notPlanned: NotPlanned[];
  /** The account the stack's default aws provider is pinned to (allowed_account_ids, else the assumed role's account). */
  account?: string;
}

export interface PrepareOptions {
  /** Work directory to create; it is emptied first. */
  workDir: string;
  /** Terraform state v4 JSON to start from (copied, never modified). */
  seedState?: string;
  /** Remove import blocks (default true: plan needs it). validate keeps them: it checks them without AWS. */
  stripImports?: boolean;
}

/** Files of a synthesized dir not copied: earlier runs' local artefacts would change init/plan. */
const SKIP = new Set([".terraform", "terraform.tfstate", "terraform.tfstate.backup", "offline.tfstate", "plan.bin"]);
const OUR_OVERRIDES = new Set(["backend_override.tf.json", "remote_state_override.tf.json"]);

type Json = Record<string, unknown>;

function asArray(v: unknown): Json[] {
  if (v === undefined || v === null) return [];
  return (Array.isArray(v) ? v : [v]) as Json[];
}

/** An empty Terraform state (format v4): what "no upstream apply yet" reads as. */
export function emptyStateJson(): string {
  return (
    JSON.stringify(
      {
        version: 4,
        terraform_version: "1.11.4",
        serial: 1,
        lineage: "00000000-0000-4000-8000-000000000000",
        outputs: {},
        resources: [],
        check_results: null,
      },
      null,
      2,
    ) + "\n"
  );
}

/** Account of the default (unaliased) aws provider: a single allowed_account_ids entry, else the assume_role ARN's account. */
export function providerAccount(config: Json): string | undefined {
  const aws = asArray((config.provider as Json | undefined)?.aws);
  const main = aws.find((p) => p.alias === undefined) ?? aws[0];
  if (!main) return undefined;
  const allowed = main.allowed_account_ids;
  if (Array.isArray(allowed) && allowed.length === 1 && typeof allowed[0] === "string") return allowed[0];
  const role = asArray(main.assume_role)[0]?.role_arn;
  if (typeof role === "string") return /^arn:[^:]+:iam::(\d{12}):/.exec(role)?.[1];
  return undefined;
}

/** Removes top-level `import` blocks from a parsed `.tf.json` (in place) and returns them. */
export function stripImports(config: Json): ImportBlock[] {
  if (!("import" in config)) return [];
  const blocks = asArray(config.import).map((b): ImportBlock => {
    const to = b.to;
    const id = b.id;
    if (typeof to !== "string" || typeof id !== "string") {
      throw new Error(`import block without string "to"/"id": ${JSON.stringify(b)}`);
    }
    return typeof b.provider === "string" ? { to, id, provider: b.provider } : { to, id };
  });
  delete config.import;
  return blocks;
}

/** Copies `stackDir` to `opts.workDir` and applies the offline overrides (see the file comment). */
export function prepareWorkDir(stackDir: string, opts: PrepareOptions): PreparedWorkDir {
  const src = resolve(stackDir);
  const stackId = basename(src);
  const hcl = existsSync(join(src, "cdk.tf.json")) || !existsSync(src) ? undefined : readdirSync(src).find((f) => f.endsWith(".tf"));
  if (!existsSync(join(src, "cdk.tf.json")) && hcl === undefined) throw new Error(`${stackId}: no cdk.tf.json or .tf file in ${src} (synthesize first)`);
  // HCL (npm run export:hcl) is validated only: import blocks and remote
  // state are rewritten in the JSON form, which offline plans need.
  if (hcl !== undefined && opts.stripImports !== false) {
    throw new Error(`${stackId}: ${src} holds HCL (${hcl}), which can be validated but not planned offline (plan the JSON synth instead)`);
  }
  const dir = resolve(opts.workDir);
  if (dir === src || dir.startsWith(src + "/") || src.startsWith(dir + "/")) {
    // The work dir is emptied first: it must not hold or be held by the input.
    throw new Error(`${stackId}: work dir ${dir} overlaps the input ${src}`);
  }

  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  cpSync(src, dir, { recursive: true, filter: (from) => from === src || !SKIP.has(basename(from)) });

  const imports: ImportBlock[] = [];
  const notPlanned: NotPlanned[] = [];
  let account: string | undefined;
  const remoteOverrides: Record<string, Json> = {};
  const emptyState = join(dir, "upstream-empty.tfstate");

  const tfFiles = readdirSync(dir).filter((f) => f.endsWith(".tf.json") && !OUR_OVERRIDES.has(f));
  for (const f of tfFiles) {
    const path = join(dir, f);
    const config = JSON.parse(readFileSync(path, "utf8")) as Json;
    const found = opts.stripImports === false ? [] : stripImports(config);
    if (found.length > 0) {
      imports.push(...found);
      writeFileSync(path, JSON.stringify(config, null, 2));
    }
    if (f === "cdk.tf.json") account = providerAccount(config);

    const remote = ((config.data as Json | undefined)?.terraform_remote_state ?? {}) as Record<string, unknown>;
    for (const [name, value] of Object.entries(remote)) {
      const ds = asArray(value)[0] ?? {};
      const backend = String(ds.backend ?? "");
      const cfg = (asArray(ds.config)[0] ?? {}) as Json;
      const address = `data.terraform_remote_state.${name}`;
      if (backend === "local" && typeof cfg.path === "string") {
        const upstream = isAbsolute(cfg.path) ? cfg.path : resolve(src, cfg.path);
        if (existsSync(upstream)) {
          remoteOverrides[name] = { backend: "local", config: { path: upstream } };
          continue;
        }
      }
      const where = backend === "s3" && typeof cfg.key === "string" ? `${backend} ${String(cfg.bucket ?? "?")}/${cfg.key}` : `${backend} ${String(cfg.path ?? "")}`.trim();
      remoteOverrides[name] = { backend: "local", config: { path: emptyState } };
      notPlanned.push({
        what: `${address} (${where})`,
        why: "upstream state not read offline: read as empty, outputs take their defaults",
      });
    }
  }

  // Not `terraform.tfstate`: init treats a file of that name in the working
  // dir as pre-backend local state and "migrates" it onto the backend path,
  // which here is the same file: it ends up empty (measured).
  const statePath = join(dir, "offline.tfstate");
  writeFileSync(join(dir, "backend_override.tf.json"), JSON.stringify({ terraform: { backend: { local: { path: statePath } } } }, null, 2) + "\n");
  if (Object.keys(remoteOverrides).length > 0) {
    writeFileSync(emptyState, emptyStateJson());
    writeFileSync(join(dir, "remote_state_override.tf.json"), JSON.stringify({ data: { terraform_remote_state: remoteOverrides } }, null, 2) + "\n");
  }
  if (opts.seedState) {
    const seed = JSON.parse(readFileSync(opts.seedState, "utf8")) as Json;
    if (seed.version !== 4) throw new Error(`${stackId}: seed state ${opts.seedState} is not Terraform state format v4`);
    cpSync(opts.seedState, statePath);
  }

  return { stackId, dir, statePath, imports, notPlanned, ...(account ? { account } : {}) };
}
