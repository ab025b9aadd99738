/** `accounts init` against a temporary copy of the example config. */
import { spawnSync } from "node:child_process";
import { afterEach, describe, expect, it } from "vitest";
import { REPO_ROOT, tempRepo, type TempRepo } from "../helpers/example-config.ts";
import { session, snapshot } from "./harness.ts";

let repo: TempRepo;
afterEach(() => repo.cleanup());

/** The example config with dev and tools listed in organization.yaml but without their files. */
function repoMissingDevAndTools(): TempRepo {
  repo = tempRepo();
  repo.remove("accounts/dev.yaml");
  repo.remove("accounts/tools.yaml");
  return repo;
}

describe("accounts init", () => {
  it("asks for each missing account, checks every answer, writes the files; a second run writes nothing", async () => {
    repoMissingDevAndTools();
    // Order: tools comes before dev in organization.yaml's accounts list.
    // "" takes the default; a rejected answer is asked again, like a person retyping.
    const first = session(repo, {
      interactive: true,
      answers: [
        // tools: a 51-character title is refused, then "Acme Tooling"; email: one that dns has (other case), then default
        "x".repeat(51),
        "Acme Tooling",
        "AWS-DNS@example.com",
        "",
        "",
        "",
        // dev: title default; an email without a domain dot, then a plus address; region; OU
        "",
        "dev@localhost",
        "root+dev@example.com",
        "eu-central-1",
        "nonprod",
      ],
    });
    expect(await first.cli("accounts", "init")).toBe(0);

    expect(first.asked.map((q) => q.message)).toEqual([
      "Title (AWS account name)",
      "Root email",
      "Home region",
      "Organizational unit",
      "Title (AWS account name)",
      "Root email",
      "Home region",
      "Organizational unit",
    ]);
    expect(first.asked[0]!.rejected).toEqual([`title "${"x".repeat(51)}" is 51 characters; AWS account names can have at most 50`]);
    expect(first.asked[1]!.rejected).toEqual(["AWS-DNS@example.com is already the root email of dns (every account needs its own address; plus-addressing such as root+name@... works)"]);
    expect(first.asked[5]!.rejected).toEqual(["dev@localhost is not an email address (use the form name@domain.tld)"]);

    expect(repo.read("accounts/tools.yaml")).toBe(
      [
        "# yaml-language-server: $schema=../schema/account.schema.json",
        "name: tools",
        "title: Acme Tooling",
        "email: aws-tools@example.com",
        "ou: core", // the default: the OU holding most accounts (dns, corp)
        "",
      ].join("\n"),
    );
    expect(repo.read("accounts/dev.yaml")).toBe(
      ["# yaml-language-server: $schema=../schema/account.schema.json", "name: dev", "title: Acme Dev", "email: root+dev@example.com", "ou: nonprod", "region: eu-central-1", ""].join("\n"),
    );
    expect(first.out).toContain("config/accounts/org.yaml exists, skipped");
    // the values are said, so a default that does not fit is seen before provision
    expect(first.out).toContain("config/accounts/tools.yaml written (title: Acme Tooling, email: aws-tools@example.com, region: eu-west-1, ou: core)");
    expect(first.out).toContain("config/accounts/dev.yaml written (title: Acme Dev, email: root+dev@example.com, region: eu-central-1, ou: nonprod)");
    expect(repo.problems()).toEqual([]);

    const before = snapshot(repo);
    const second = session(repo, { interactive: true, answers: [] });
    expect(await second.cli("accounts", "init")).toBe(0);
    expect(second.asked).toEqual([]);
    expect(snapshot(repo)).toEqual(before);
    // 1 management + 8 members, all present
    expect(second.out.filter((l) => l.endsWith("exists, skipped"))).toHaveLength(9);
    expect(second.out).toContain("every listed account has its file; nothing written");
  });

  it("without a terminal: refuses to wait for answers unless --yes, which takes the defaults", async () => {
    repoMissingDevAndTools();
    const before = snapshot(repo);
    const noTerminal = session(repo, { interactive: false });
    expect(await noTerminal.cli("accounts", "init")).toBe(2);
    expect(noTerminal.err).toEqual([
      "error: tools, dev have no account file, and there is no terminal to ask for the values (re-run with --yes to take the defaults; --title, --email, --region and --ou set values)",
    ]);
    expect(snapshot(repo)).toEqual(before);

    const yes = session(repo, { interactive: false });
    expect(await yes.cli("accounts", "init", "--yes")).toBe(0);
    expect(yes.asked).toEqual([]);
    expect(repo.read("accounts/dev.yaml")).toContain("title: Acme Dev\nemail: aws-dev@example.com\nou: core\n");
    expect(repo.load().accounts.find((a) => a.name === "dev")).toMatchObject({ region: "eu-west-1", email: "aws-dev@example.com" });
  });

  it("puts a new environment's account beside the accounts of environments with the same protection", async () => {
    repo = tempRepo();
    repo.edit("organization.yaml", "accounts: [security, dns, corp, tools, dev, stage, prod, legacy]", "accounts: [security, dns, corp, tools, dev, stage, prod, legacy, qa]");
    repo.edit("organization.yaml", "  stage:\n    account: stage", "  qa:\n    account: qa\n    branch: qa\n  stage:\n    account: stage");
    const s = session(repo);
    expect(await s.cli("accounts", "init", "--yes")).toBe(0);
    // qa is unprotected like dev, so nonprod; not core, where most accounts are
    expect(repo.read("accounts/qa.yaml")).toContain("ou: nonprod\n");
  });

  it("flags set the values of one account; --title for several accounts is a usage error", async () => {
    repoMissingDevAndTools();
    const several = session(repo);
    expect(await several.cli("accounts", "init", "--yes", "--title", "Dev")).toBe(2);
    expect(several.err[0]).toBe("error: --title and --email describe one account, but 2 accounts need a file (tools, dev) (name the one: accounts init <name> --title ...)");

    const one = session(repo);
    expect(await one.cli("accounts", "init", "dev", "--yes", "--title", "Acme Dev Env", "--email", "a.ws.dev@gmail.com", "--region", "us-east-1", "--ou", "nonprod")).toBe(0);
    expect(repo.read("accounts/dev.yaml")).toContain("title: Acme Dev Env\nemail: a.ws.dev@gmail.com\nou: nonprod\nregion: us-east-1\n");
    expect(one.out.some((l) => l.startsWith("config/accounts/tools.yaml written"))).toBe(false); // only the named account
    expect(one.out).toContain("still without a file: tools (run: npm run accounts -- init)");
  });

  it("supports plus-addressing patterns and the Gmail dot trick (distinct addresses for AWS), compares case-insensitively", async () => {
    repoMissingDevAndTools();
    repo.edit("organization.yaml", 'email_pattern: "aws-{name}@example.com"', 'email_pattern: "root+{name}@example.com"');
    repo.edit("accounts/corp.yaml", "email: aws-corp@example.com", "email: awsdev@gmail.com");
    const s = session(repo);
    // a.ws.dev@gmail.com reaches the mailbox of awsdev@gmail.com, but AWS sees another address: accepted
    expect(await s.cli("accounts", "init", "dev", "--yes", "--email", "a.ws.dev@gmail.com")).toBe(0);
    expect(await s.cli("accounts", "init", "tools", "--yes")).toBe(0);
    expect(repo.read("accounts/tools.yaml")).toContain("email: root+tools@example.com\n");

    repo.remove("accounts/dev.yaml");
    const before = snapshot(repo);
    const clash = session(repo);
    expect(await clash.cli("accounts", "init", "dev", "--yes", "--email", "AWSDEV@gmail.com")).toBe(1);
    expect(clash.err).toEqual(["error: --email: AWSDEV@gmail.com is already the root email of corp (every account needs its own address; plus-addressing such as root+name@... works)"]);
    expect(snapshot(repo)).toEqual(before);
  });

  it("enforces AWS's limits before writing: email 6-64 characters, title 1-50 printable ASCII", async () => {
    repoMissingDevAndTools();
    const before = snapshot(repo);
    const long = `${"a".repeat(53)}@example.com`; // 65 characters
    const s = session(repo);
    expect(await s.cli("accounts", "init", "dev", "--yes", "--email", long)).toBe(1);
    expect(s.err).toEqual([`error: --email: ${long} is 65 characters; AWS allows at most 64 (use a shorter alias)`]);
    expect(await s.cli("accounts", "init", "dev", "--yes", "--email", "a@b.c")).toBe(1);
    expect(await s.cli("accounts", "init", "dev", "--yes", "--title", "Café")).toBe(1);
    expect(s.err.at(-1)).toBe('error: --title: title "Café" has characters outside printable ASCII, which AWS account names do not allow (use plain ASCII)');
    expect(snapshot(repo)).toEqual(before);
  });

  it("a default that the loader refuses writes nothing at all, and says why with the file and line", async () => {
    repoMissingDevAndTools();
    // The pattern gives dev the address stage already has: caught by the loader on the would-be config.
    repo.edit("accounts/stage.yaml", "email: aws-stage@example.com", "email: aws-dev@example.com");
    const before = snapshot(repo);
    const s = session(repo);
    expect(await s.cli("accounts", "init", "--yes")).toBe(1);
    expect(s.err).toEqual([
      "config has 1 problem:",
      "  config/accounts/stage.yaml:4  email: aws-dev@example.com is already the root email of dev (config/accounts/dev.yaml:4) (every account needs its own address; use plus-addressing such as root+stage@...)",
      "Nothing was written.",
    ]);
    expect(snapshot(repo)).toEqual(before); // tools.yaml was fine, but is not written either
  });

  it("warns, with how to ask AWS for more, when the accounts exceed the quota", async () => {
    repo = tempRepo();
    repo.edit("organization.yaml", "accounts: [security, dns, corp, tools, dev, stage, prod, legacy]", "accounts: [security, dns, corp, tools, dev, stage, prod, legacy, data]");
    const s = session(repo);
    expect(await s.cli("accounts", "init", "--yes")).toBe(0);
    expect(repo.read("accounts/data.yaml")).toContain("name: data\ntitle: Acme Data\nemail: aws-data@example.com\n");
    // 1 management + 9 members = 10: the default quota, no warning yet
    expect(s.err).toEqual([]);
    repo.edit("organization.yaml", "accounts: [security, dns, corp, tools, dev, stage, prod, legacy, data]", "accounts: [security, dns, corp, tools, dev, stage, prod, legacy, data, lab]");
    expect(await s.cli("accounts", "init", "--yes")).toBe(0);
    expect(s.err).toEqual([expect.stringMatching(/^warning: the organization would have 11 accounts but its quota is 10: .*Request increase.*quotas\.accounts/)]);
  });

  it("the real command line: node --import tsx cli/devops.ts accounts init --yes, stdin not a terminal", () => {
    repoMissingDevAndTools();
    const run = (...args: string[]) =>
      spawnSync(process.execPath, ["--import", "tsx", "cli/devops.ts", "accounts", "init", ...args], {
        cwd: REPO_ROOT,
        env: { ...process.env, ORG_CONFIG_DIR: repo.configDir },
        input: "", // a pipe, not a TTY: nothing may wait on it
        encoding: "utf8",
        timeout: 30_000,
      });
    const refused = run();
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain("there is no terminal to ask for the values (re-run with --yes");

    const done = run("--yes");
    expect(done.stderr).toBe("");
    expect(done.status).toBe(0);
    expect(done.stdout).toContain("config/accounts/dev.yaml written (title: Acme Dev, email: aws-dev@example.com, region: eu-west-1, ou: core)\n");
    expect(repo.problems()).toEqual([]);

    const again = run("--yes");
    expect(again.status).toBe(0);
    expect(again.stdout).toContain("nothing written");
  });
});
