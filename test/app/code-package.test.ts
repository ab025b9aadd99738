/**
 * The function's zip: what Lambda unpacks, and the same bytes for the same
 * code on every machine and every synth (else every re-plan after a deploy
 * would change the function).
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { APP_SOURCE_DIR } from "../../app/app-stack.ts";
import { packageDirectory, zipDirectory } from "../../app/code-package.ts";
import { tempDir } from "../engine/helpers.ts";

const tmp = tempDir("code-package");
afterAll(() => tmp.remove());

function sourceTree(root: string): string {
  mkdirSync(join(root, "lib"), { recursive: true });
  writeFileSync(join(root, "handler.mjs"), "export const handler = async () => ({ statusCode: 200 });\n");
  writeFileSync(join(root, "lib", "util.mjs"), "export const answer = 42;\n");
  return root;
}

/** What Python's zipfile (an independent reader) sees in the zip: name, unix mode, time. */
function listing(zipPath: string): string[] {
  const run = spawnSync("python3", ["-c", "import sys,zipfile\nfor i in zipfile.ZipFile(sys.argv[1]).infolist(): print(i.filename, oct(i.external_attr >> 16), i.date_time[0])", zipPath], {
    encoding: "utf8",
  });
  expect(run.stderr).toBe("");
  return run.stdout.trim().split("\n");
}

describe("the function's code package", () => {
  it("holds every file, paths relative to the folder, world-readable, in a fixed order", () => {
    const zip = packageDirectory(sourceTree(join(tmp.dir, "src")));
    expect(listing(zip)).toEqual(["handler.mjs 0o100644 1980", "lib/util.mjs 0o100644 1980"]);
  });

  it("is the same bytes whatever the files' times, and different when the code changes", () => {
    const root = sourceTree(join(tmp.dir, "again"));
    const first = zipDirectory(root);
    utimesSync(join(root, "handler.mjs"), new Date("2030-05-05"), new Date("2030-05-05"));
    expect(Buffer.from(zipDirectory(root)).equals(Buffer.from(first))).toBe(true);
    writeFileSync(join(root, "lib", "util.mjs"), "export const answer = 43;\n");
    expect(Buffer.from(zipDirectory(root)).equals(Buffer.from(first))).toBe(false);
  });

  it("packages the real app/src with the handler Lambda is told to run (handler.handler)", () => {
    const zip = packageDirectory(APP_SOURCE_DIR);
    expect(listing(zip).map((l) => l.split(" ")[0])).toContain("handler.mjs");
    expect(readFileSync(zip).subarray(0, 2).toString()).toBe("PK");
  });

  it("refuses an empty folder instead of deploying a function with no code", () => {
    mkdirSync(join(tmp.dir, "empty"));
    expect(() => zipDirectory(join(tmp.dir, "empty"))).toThrow(/empty: no files to package as the function's code/);
  });
});
