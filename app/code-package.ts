/**
 * The function's code as one zip, built in this process and once per synth.
 *
 * Why not cdktf's archive asset: it zips by starting a child `node` per
 * asset (there is no synchronous zip in its archiver), ~0.25 s each, so
 * three environments cost three quarters of a second of every synth. The
 * zip here is byte-for-byte reproducible (sorted entries, a fixed time,
 * fixed permissions), so the same code gives the same hash on every machine
 * and a re-plan after a deploy stays empty.
 */
import { zipSync, type Zippable } from "fflate";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, sep } from "node:path";

/** Zip's earliest representable time; any fixed time would do. */
const FIXED_TIME = new Date("1980-01-01T00:00:00Z");
/** A regular file, rw-r--r--: Lambda needs the code world-readable. */
const FILE_ATTRIBUTES = (0o100644 << 16) >>> 0;
const UNIX = 3;

const packaged = new Map<string, string>();

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((f) => statSync(join(dir, f)).isFile())
    .map((f) => f.split(sep).join("/"))
    .sort();
}

/** The zip bytes of every file under `dir`, paths relative to it. */
export function zipDirectory(dir: string): Uint8Array {
  const files = filesUnder(dir);
  if (files.length === 0) throw new Error(`${dir}: no files to package as the function's code`);
  const entries: Zippable = {};
  for (const file of files) {
    entries[file] = [readFileSync(join(dir, file)), { mtime: FIXED_TIME, os: UNIX, attrs: FILE_ATTRIBUTES, level: 9 }];
  }
  return zipSync(entries);
}

/**
 * The path of a zip of `dir`, in a folder of the system's temporary folder
 * named by the zip's hash (so a repeated synth writes nothing), built at
 * most once per process.
 */
export function packageDirectory(dir: string): string {
  const known = packaged.get(dir);
  if (known !== undefined) return known;
  const zip = zipDirectory(dir);
  const hash = createHash("sha256").update(zip).digest("hex").slice(0, 16);
  // One folder per content: the same file name wherever the synth runs from, as cdktf's archive asset named it.
  const folder = join(tmpdir(), "aws-org-devops-code", hash);
  const path = join(folder, "archive.zip");
  if (!existsSync(path)) {
    mkdirSync(folder, { recursive: true });
    // Written aside and renamed, so a concurrent synth never reads half a zip.
    const partial = `${path}.${process.pid}.partial`;
    writeFileSync(partial, zip);
    renameSync(partial, path);
  }
  packaged.set(dir, path);
  return path;
}
