/**
 * The bad-input corpus (test/fixtures/bad-config/): every case must produce
 * exactly its expected problem lines, file:line and field included. A new
 * config section adds its cases as new folders; nothing here changes. That
 * synthesis writes nothing from any of them is bad-config-writes-nothing.test.ts.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { corpusCases, withCaseApplied } from "../helpers/bad-config-corpus.ts";
import { EXAMPLE_CONFIG, tempRepo } from "../helpers/example-config.ts";

const cases = corpusCases();
const repo = tempRepo();
afterAll(() => repo.cleanup());

describe("bad config corpus", () => {
  it("holds enough cases to mean something", () => {
    expect(cases.length).toBeGreaterThanOrEqual(30);
  });

  it.each(cases.map((c) => [c.name, c] as const))("%s", (_name, c) => {
    expect(c.expect.length, "a case must expect at least one problem").toBeGreaterThan(0);
    withCaseApplied(repo, c, () => expect(repo.problems()).toEqual(c.expect));
  });

  it("leaves the shared copy as the example config after every case", () => {
    for (const c of cases) withCaseApplied(repo, c, () => undefined);
    const files = (dir: string) =>
      (readdirSync(dir, { recursive: true, withFileTypes: true }) as import("node:fs").Dirent[])
        .filter((e) => e.isFile() && !e.name.endsWith(".ts"))
        .map((e) => join(e.parentPath, e.name).slice(dir.length));
    expect(files(repo.configDir).sort()).toEqual(files(EXAMPLE_CONFIG).sort());
    for (const file of files(EXAMPLE_CONFIG)) expect(readFileSync(join(repo.configDir, file), "utf8"), file).toBe(readFileSync(join(EXAMPLE_CONFIG, file), "utf8"));
    expect(repo.problems()).toEqual([]);
  });
});
