/**
 * Resource address stability: the Terraform address of every resource and
 * data source of every stack of the example config, compared with the
 * committed list in addresses.json. Terraform identifies an object by its
 * address, so a changed address is a destroy and a create, not a rename.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../config/load.ts";
import { buildAllStacks } from "../../stacks/all-stacks.ts";
import { EXAMPLE_CONFIG } from "../helpers/example-config.ts";
import { testApp } from "../helpers/synth.ts";

const SNAPSHOT = join(import.meta.dirname, "addresses.json");
const UPDATE_COMMAND = "UPDATE_ADDRESSES=1 npx vitest run test/stability";

type Addresses = Record<string, string[]>;

interface Synthesized {
  readonly addresses: Addresses;
  /** moved blocks per stack: from -> to */
  readonly moved: Record<string, Record<string, string>>;
}

function synthesizeExample(): Synthesized {
  const { app, cleanup } = testApp();
  try {
    buildAllStacks(app, loadConfig({ configDir: EXAMPLE_CONFIG }));
    app.synth();
    const manifest = JSON.parse(readFileSync(join(app.outdir, "manifest.json"), "utf8")) as { stacks: Record<string, { synthesizedStackPath: string }> };
    const addresses: Addresses = {};
    const moved: Synthesized["moved"] = {};
    for (const [id, stack] of Object.entries(manifest.stacks).sort(([a], [b]) => a.localeCompare(b))) {
      const tf = JSON.parse(readFileSync(join(app.outdir, stack.synthesizedStackPath), "utf8")) as {
        resource?: Record<string, Record<string, unknown>>;
        data?: Record<string, Record<string, unknown>>;
        moved?: { from: string; to: string }[];
      };
      const of = (blocks: Record<string, Record<string, unknown>> | undefined, prefix: string) =>
        Object.entries(blocks ?? {}).flatMap(([type, byName]) => Object.keys(byName).map((name) => `${prefix}${type}.${name}`));
      addresses[id] = [...of(tf.resource, ""), ...of(tf.data, "data.")].sort();
      moved[id] = Object.fromEntries((tf.moved ?? []).map((m) => [m.from, m.to]));
    }
    return { addresses, moved };
  } finally {
    cleanup();
  }
}

/** The failure message: what changed, per stack, and what it means. */
function explainChanges(before: Addresses, after: Addresses, moved: Synthesized["moved"]): string | undefined {
  const lines: string[] = [];
  for (const id of [...new Set([...Object.keys(before), ...Object.keys(after)])].sort()) {
    const was = new Set(before[id] ?? []);
    const now = new Set(after[id] ?? []);
    const removed = [...was].filter((a) => !now.has(a));
    const added = [...now].filter((a) => !was.has(a));
    if (removed.length === 0 && added.length === 0) continue;
    lines.push(`  stack ${id}${before[id] === undefined ? " (new)" : after[id] === undefined ? " (gone)" : ""}:`);
    for (const a of removed) {
      const to = moved[id]?.[a];
      lines.push(`    - ${a}${to === undefined ? "   <- destroyed" : `   (moved to ${to}: the object is kept)`}`);
    }
    for (const a of added) lines.push(`    + ${a}`);
  }
  if (lines.length === 0) return undefined;
  return [
    "The resource addresses of the example config's stacks changed:",
    ...lines,
    "",
    "Terraform knows an object by its address: a removed address is destroyed and an added one is created, so a renamed",
    "construct id (or a construct moved to another parent) destroys and recreates the resource, which for an account,",
    "a bucket, a zone or a key is data loss. To keep the object under its new address, either call",
    '`newResource.moveFromId("<old address>")` (or `oldResource.moveTo(target)` with `newResource.addMoveTarget(target)`),',
    "which writes a moved block, or keep the old construct id.",
    `If the change is deliberate (a resource really added or removed, or every removal moved), regenerate the list with`,
    `  ${UPDATE_COMMAND}`,
    "and commit test/stability/addresses.json with the change.",
  ].join("\n");
}

describe("resource addresses", () => {
  it("of every stack of the example config are the committed ones", () => {
    const { addresses, moved } = synthesizeExample();
    if (process.env.UPDATE_ADDRESSES === "1") {
      writeFileSync(SNAPSHOT, `${JSON.stringify(addresses, null, 2)}\n`);
      return;
    }
    if (!existsSync(SNAPSHOT)) throw new Error(`test/stability/addresses.json is missing: create it with ${UPDATE_COMMAND}`);
    const committed = JSON.parse(readFileSync(SNAPSHOT, "utf8")) as Addresses;
    const explanation = explainChanges(committed, addresses, moved);
    if (explanation !== undefined) expect.fail(explanation);
  });

  it("explain a rename as a destroy, and a moved one as kept", () => {
    const before = { org: ["aws_s3_bucket.state", "aws_organizations_account.account-stage"] };
    const after = { org: ["aws_s3_bucket.state-bucket", "aws_organizations_account.account-staging"] };
    const message = explainChanges(before, after, { org: { "aws_s3_bucket.state": "aws_s3_bucket.state-bucket" } })!;
    expect(message.split("\n").slice(0, 6)).toEqual([
      "The resource addresses of the example config's stacks changed:",
      "  stack org:",
      "    - aws_s3_bucket.state   (moved to aws_s3_bucket.state-bucket: the object is kept)",
      "    - aws_organizations_account.account-stage   <- destroyed",
      "    + aws_s3_bucket.state-bucket",
      "    + aws_organizations_account.account-staging",
    ]);
    expect(message).toContain(UPDATE_COMMAND);
    expect(explainChanges(before, before, {})).toBeUndefined();
  });
});
