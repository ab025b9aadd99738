/**
 * The account and deploy commands as a new user meets them: output without
 * colour codes in files, honest exit codes, advice that does not break the
 * config, warnings before questions, flags that are never silently ignored,
 * and help in the form the README uses. (The credential check has its own
 * file: credentials.test.ts.)
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { colorWanted } from "../../cli/terminal.ts";
import { findProviderMirror } from "../../engine/provider-mirror.ts";
import type { CommandRunner } from "../../engine/runner.ts";
import { tempRepo, type TempRepo } from "../helpers/example-config.ts";
import { session, snapshot } from "./harness.ts";

let repo: TempRepo;
afterEach(() => repo?.cleanup());

const ADD_ONLY = { format_version: "1.2", planned_values: {}, resource_changes: [] };

function recording(calls: string[]): CommandRunner {
  return (command, args) => {
    calls.push([command, ...args].join(" "));
    return { status: 0, stdout: args[0] === "show" ? JSON.stringify(ADD_ONLY) : "", stderr: "" };
  };
}

/** inquirer's error when the user presses Ctrl-C at a prompt. */
function ctrlC(): Error {
  const err = new Error("User force closed the prompt with SIGINT");
  err.name = "ExitPromptError";
  return err;
}

describe("2. provider setup", () => {
  it("provision and deploy run terraform with the same provider mirror the preview uses", async () => {
    repo = tempRepo();
    const seen: (string | undefined)[] = [];
    const run: CommandRunner = (_command, args, options) => {
      seen.push(options.env.TF_CLI_CONFIG_FILE);
      // The plan has nothing to apply; the org stack counts as applied before (sync reads its state).
      if (args[0] === "init") {
        mkdirSync(join(repo.root, "state"), { recursive: true });
        writeFileSync(join(repo.root, "state", "org.tfstate"), JSON.stringify({ version: 4, resources: [] }));
      }
      return { status: 0, stdout: args[0] === "show" ? JSON.stringify(ADD_ONLY) : args[0] === "output" ? '{"account_ids":{"value":{}}}' : "", stderr: "" };
    };
    const mirror = findProviderMirror(process.env);
    expect(mirror, "this machine has the provider mirror (see README: Prerequisites)").toBeDefined();
    for (const argv of [
      ["deploy", "org", "--auto-approve"],
      ["accounts", "provision", "--auto-approve"],
    ]) {
      seen.length = 0;
      const s = session(repo, { run, env: { PATH: process.env.PATH, HOME: process.env.HOME, TF_PROVIDER_MIRROR: mirror } });
      expect(await s.cli(...argv), s.err.join("\n")).toBe(0);
      expect(seen.length).toBeGreaterThan(0);
      for (const file of seen) expect(readFileSync(file!, "utf8")).toContain(`path    = ${JSON.stringify(mirror)}`);
    }
  });
});

describe("3. colour", () => {
  it("terraform gets -no-color when output is not a terminal (or NO_COLOR is set), and keeps colour on a terminal", async () => {
    repo = tempRepo();
    const plain: string[] = [];
    expect(await session(repo, { run: recording(plain), workspace: { color: false } }).cli("deploy", "org", "--auto-approve")).toBe(0);
    expect(plain.filter((c) => c.startsWith("terraform ")).every((c) => c.split(" ")[2] === "-no-color")).toBe(true);
    const coloured: string[] = [];
    expect(await session(repo, { run: recording(coloured) }).cli("deploy", "org", "--auto-approve")).toBe(0);
    expect(coloured.some((c) => c.includes("-no-color"))).toBe(false);

    expect(colorWanted(true, {})).toBe(true);
    expect(colorWanted(false, {})).toBe(false);
    expect(colorWanted(undefined, {})).toBe(false);
    expect(colorWanted(true, { NO_COLOR: "1" })).toBe(false);
    expect(colorWanted(true, { NO_COLOR: "" })).toBe(true);
  });
});

describe("4. exit codes", () => {
  it("Ctrl-C at a prompt exits 130 (interrupted), writes nothing", async () => {
    repo = tempRepo();
    repo.edit("organization.yaml", "accounts: [security, dns, corp, tools, dev, stage, prod, legacy]", "accounts: [security, dns, corp, tools, dev, stage, prod, legacy, qa]");
    const before = snapshot(repo);
    const s = session(repo, { interactive: true, answers: [ctrlC()] });
    expect(await s.cli("accounts", "init", "qa")).toBe(130);
    expect(s.err.at(-1)).toBe("cancelled; nothing was written");
    expect(snapshot(repo)).toEqual(before);
  });
});

describe("6. the account quota", () => {
  it("warns before the first question, and with --yes too", async () => {
    repo = tempRepo();
    repo.edit("organization.yaml", "accounts: [security, dns, corp, tools, dev, stage, prod, legacy]", "accounts: [security, dns, corp, tools, dev, stage, prod, legacy, qa]");
    repo.write("organization.yaml", `${repo.read("organization.yaml")}\nquotas:\n  accounts: 9\n`);
    const warning = "warning: the organization would have 10 accounts but its quota is 9";

    const asked = session(repo, { interactive: true, answers: ["", "", "", ""] });
    expect(await asked.cli("accounts", "init", "qa")).toBe(0);
    const firstQuestion = asked.transcript.findIndex((l) => l.startsWith("ask: "));
    const warned = asked.transcript.findIndex((l) => l.startsWith(`err: ${warning}`));
    expect(warned).toBeGreaterThanOrEqual(0);
    expect(warned).toBeLessThan(firstQuestion);
    expect(asked.transcript.filter((l) => l.includes(warning))).toHaveLength(1);

    repo.remove("accounts/qa.yaml");
    const yes = session(repo);
    expect(await yes.cli("accounts", "init", "qa", "--yes")).toBe(0);
    expect(yes.err.filter((l) => l.startsWith(warning))).toHaveLength(1);
  });
});

describe("7. flags that would not be applied", () => {
  it("init with values for an account whose file exists: exit 2, says the file exists and how to change it", async () => {
    repo = tempRepo();
    const before = snapshot(repo);
    const s = session(repo);
    expect(await s.cli("accounts", "init", "dev", "--yes", "--email", "aws-stage@example.com")).toBe(2);
    expect(s.err.at(-1)).toBe("error: config/accounts/dev.yaml exists, so --email would not be applied (init never changes a file: edit it by hand, or delete it and run init again)");
    expect(snapshot(repo)).toEqual(before);
  });
});

describe("8. the suspended OU", () => {
  it("refuses a new account straight into it, saying what the OU is for", async () => {
    repo = tempRepo();
    repo.edit("organization.yaml", "accounts: [security, dns, corp, tools, dev, stage, prod, legacy]", "accounts: [security, dns, corp, tools, dev, stage, prod, legacy, qa]");
    const s = session(repo);
    expect(await s.cli("accounts", "init", "qa", "--yes", "--ou", "suspended")).toBe(2);
    expect(s.err.at(-1)).toBe(
      "error: --ou suspended: that OU is where retired accounts wait to be closed, under the deny-all guardrail; a new account there could do nothing " +
        "(choose another OU; to retire an account use: npm run accounts -- retire <name>)",
    );
    expect(existsSync(join(repo.configDir, "accounts", "qa.yaml"))).toBe(false);
  });
});

describe("9. small ones", () => {
  it("import: a missing name is reported before a missing --id; --id is still required", async () => {
    repo = tempRepo();
    const none = session(repo);
    expect(await none.cli("accounts", "import")).toBe(2);
    expect(none.err[0]).toBe("error: missing required argument 'name'");
    const noId = session(repo);
    expect(await noId.cli("accounts", "import", "qa")).toBe(2);
    expect(noId.err.at(-1)).toBe("error: import qa: --id <id> is required (the account's 12-digit id, from the AWS Organizations console)");
  });

  it("import, interactively: an empty email asks for the account's current root email", async () => {
    repo = tempRepo();
    const s = session(repo, { interactive: true, answers: ["", "", "ops2@example.com", "", ""] });
    expect(await s.cli("accounts", "import", "qa", "--id", "333333333333", "--admin-role", "LegacyAdmin")).toBe(0);
    const email = s.asked.find((q) => q.message === "Root email")!;
    expect(email.rejected).toEqual(["give the account's current root email (a different one would make Terraform plan to replace the account)"]);
  });

  it("list on a broken config says what is wrong, and does not claim to have written nothing (it never writes)", async () => {
    repo = tempRepo();
    repo.edit("accounts/legacy.yaml", 'account_id: "222222222222"', 'account_id: "22222222222"');
    const s = session(repo);
    expect(await s.cli("accounts", "list")).toBe(1);
    expect(s.err[0]).toMatch(/^config has 1 problem:/);
    expect(s.err).not.toContain("Nothing was written.");
    const init = session(repo);
    expect(await init.cli("accounts", "init")).toBe(1);
    expect(init.err.at(-1)).toBe("Nothing was written.");
  });

  it("list fits the terminal: columns are dropped before anything wraps", async () => {
    repo = tempRepo();
    const wide = session(repo);
    expect(await wide.cli("accounts", "list")).toBe(0);
    expect(Math.max(...wide.out.map((l) => l.length))).toBeGreaterThan(80);
    const narrow = session(repo, { columns: 80 });
    expect(await narrow.cli("accounts", "list")).toBe(0);
    expect(narrow.out.every((l) => l.length <= 80)).toBe(true);
    expect(narrow.out[0]).toMatch(/^NAME +ID +/);
    expect(narrow.out[0]).not.toContain("EMAIL");
    expect(narrow.out.some((l) => l.startsWith("prod ") && l.includes("pending"))).toBe(true);
  });

  it("help speaks the README's form, and provision says it needs management-account credentials", async () => {
    repo = tempRepo();
    const s = session(repo);
    expect(await s.cli("accounts", "init", "--help")).toBe(0);
    expect(s.out[0]).toBe("Usage: npm run accounts -- init [options] [names...]");
    const p = session(repo);
    expect(await p.cli("accounts", "provision", "--help")).toBe(0);
    expect(p.out.join(" ").replace(/\s+/g, " ")).toContain("needs credentials of the management account");
    const d = session(repo);
    expect(await d.cli("deploy", "--help")).toBe(0);
    expect(d.out[0]).toBe("Usage: npm run deploy -- [options] <stack>");
  });
});
