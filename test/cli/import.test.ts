/** `accounts import`: adopting an invited AWS account, against a temporary copy of the example config. */
import { afterEach, describe, expect, it } from "vitest";
import { OrgStack } from "../../org/org-stack.ts";
import { tempRepo, type TempRepo } from "../helpers/example-config.ts";
import { synthJson, testApp } from "../helpers/synth.ts";
import { session, snapshot } from "./harness.ts";

let repo: TempRepo;
afterEach(() => repo.cleanup());

const IMPORT = ["accounts", "import", "billing", "--admin-role", "BillingAdmin", "--email", "billing-root@example.com", "--yes"];

describe("accounts import", () => {
  it.each([
    ["11 digits", "12345678901", 'error: --id "12345678901" is 11 digits; an AWS account id is exactly 12 digits (copy it from the AWS Organizations console, Accounts page)'],
    ["letters", "12345678901O", 'error: --id "12345678901O" is not all digits; an AWS account id is exactly 12 digits (copy it from the AWS Organizations console, Accounts page)'],
    ["13 digits", "1234567890123", 'error: --id "1234567890123" is 13 digits; an AWS account id is exactly 12 digits (copy it from the AWS Organizations console, Accounts page)'],
  ])("refuses an id of %s with a clear message and writes nothing", async (_what, id, message) => {
    repo = tempRepo();
    const before = snapshot(repo);
    const s = session(repo);
    expect(await s.cli(...IMPORT, "--id", id)).toBe(1);
    expect(s.err).toEqual([message]);
    expect(snapshot(repo)).toEqual(before);
  });

  it("writes the account's file with its id and admin role, lists it, and the org stack imports it", async () => {
    repo = tempRepo();
    const s = session(repo);
    expect(await s.cli(...IMPORT, "--id", "333333333333", "--ou", "workloads")).toBe(0);
    expect(repo.read("accounts/billing.yaml")).toBe(
      [
        "# yaml-language-server: $schema=../schema/account.schema.json",
        "# Imported: this account existed and was invited into the organization.",
        "name: billing",
        "title: Acme Billing",
        "email: billing-root@example.com",
        "ou: workloads",
        "admin_role_name: BillingAdmin",
        'account_id: "333333333333"',
        "",
      ].join("\n"),
    );
    // Appended to the flow list; the comment above it and the rest of the file unchanged.
    expect(repo.read("organization.yaml")).toContain("# Member accounts, each described by config/accounts/<name>.yaml.\naccounts: [security, dns, corp, tools, dev, stage, prod, legacy, billing]\n");
    expect(s.out).toEqual([
      "config/accounts/billing.yaml written",
      "config/organization.yaml written",
      "next: npm run accounts -- provision (the org stack imports billing by id 333333333333; its email in the file must be the account's current root email, or Terraform plans to replace the account and prevent_destroy stops the plan)",
    ]);
    // 1 management + 9 members: at the default quota of 10, no warning
    expect(s.err).toEqual([]);

    const { app, cleanup } = testApp();
    try {
      const synth = synthJson(new OrgStack(app, { config: repo.load() }));
      expect(synth.json.import).toContainEqual({ to: "aws_organizations_account.account-billing", id: "333333333333" });
      expect(synth.json.resource.aws_organizations_account!["account-billing"]).toMatchObject({ role_name: "BillingAdmin", email: "billing-root@example.com" });
    } finally {
      cleanup();
    }
  });

  it("adds the id and role to a file that exists without an id (listed and init'ed before the invitation)", async () => {
    repo = tempRepo();
    const s = session(repo);
    expect(await s.cli("accounts", "import", "tools", "--id", "444444444444", "--admin-role", "ToolsAdmin")).toBe(0);
    expect(repo.read("accounts/tools.yaml")).toBe(
      '# yaml-language-server: $schema=../schema/account.schema.json\nname: tools\ntitle: Acme Tools\nemail: aws-tools@example.com\nou: core\nadmin_role_name: ToolsAdmin\naccount_id: "444444444444"\n',
    );
    expect(s.out[0]).toBe("config/accounts/tools.yaml written");
  });

  it("needs the admin role and the real root email; without a terminal it says which flag to pass", async () => {
    repo = tempRepo();
    const before = snapshot(repo);
    const s = session(repo);
    expect(await s.cli("accounts", "import", "billing", "--id", "333333333333")).toBe(2);
    expect(s.err[0]).toMatch(/^error: --admin-role is required: an invited account has no OrganizationAccountAccessRole unless someone created it; /);
    expect(await s.cli("accounts", "import", "billing", "--id", "333333333333", "--admin-role", "BillingAdmin")).toBe(2);
    expect(s.err[1]).toBe("error: billing needs a root email and there is no terminal to ask for it (pass --email with the account's current root email)");
    expect(await s.cli("accounts", "import", "billing", "--admin-role", "BillingAdmin")).toBe(2);
    expect(s.err[2]).toBe("error: import billing: --id <id> is required (the account's 12-digit id, from the AWS Organizations console)");
    expect(snapshot(repo)).toEqual(before);
  });

  it("refuses an id another account has, naming its file and line", async () => {
    repo = tempRepo();
    const s = session(repo);
    expect(await s.cli(...IMPORT, "--id", "222222222222")).toBe(1);
    expect(s.err).toEqual(["error: config/accounts/legacy.yaml:11  account_id: 222222222222 is already the id of legacy (one AWS account has one config file; check the --id)"]);
  });

  it("asks for what is missing when there is a terminal (the email has no default: it must be the real one)", async () => {
    repo = tempRepo();
    const s = session(repo, { interactive: true, answers: ["Billing Admin!", "BillingAdmin", "", "aws-billing", "billing-root@example.com", "", "workloads"] });
    expect(await s.cli("accounts", "import", "billing", "--id", "333333333333")).toBe(0);
    expect(s.asked.map((q) => [q.message, q.rejected.length])).toEqual([
      ["Admin role name (assumable from the management account)", 1],
      ["Title (AWS account name)", 0],
      ["Root email", 1],
      ["Home region", 0],
      ["Organizational unit", 0],
    ]);
    expect(repo.load().accounts.find((a) => a.name === "billing")).toMatchObject({ accountId: "333333333333", adminRoleName: "BillingAdmin", ou: "workloads" });
  });

  it("warns about the account quota, with how to ask for more", async () => {
    repo = tempRepo();
    repo.edit("organization.yaml", "state:\n", "quotas:\n  accounts: 9\n\nstate:\n");
    const s = session(repo);
    expect(await s.cli(...IMPORT, "--id", "333333333333")).toBe(0);
    expect(s.err).toEqual([expect.stringMatching(/^warning: the organization would have 10 accounts but its quota is 9: .*Request increase/)]);
  });
});
