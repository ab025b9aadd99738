import { describe, expect, it } from "vitest";
import { formatPlanTable } from "../../cli/preview/plan-table.ts";

const ok = {
  stack: "org",
  account: "123456789012",
  add: 12,
  change: 0,
  replace: 0,
  destroy: 1,
  imports: [{ address: "aws_organizations_account.legacy", id: "210987654321" }],
  notPlanned: [
    {
      what: "aws_organizations_account.legacy",
      why: "import of 210987654321 not planned offline (needs AWS); the first apply imports it",
    },
  ],
};
const failed = {
  stack: "app-dev",
  add: 0,
  change: 0,
  replace: 0,
  destroy: 0,
  imports: [],
  notPlanned: [],
  error: "app-dev: terraform plan failed (exit 1): AWS account ID not allowed: 111111111111\ntried to call ec2 DescribeImages (not available offline)",
};

describe("formatPlanTable", () => {
  it("prints one aligned row per stack, a total, then notes for imports and errors", () => {
    expect(formatPlanTable([ok, failed])).toBe(
      [
        "stack    account       add  change  replace  destroy  import  not planned",
        "-------  ------------  ---  ------  -------  -------  ------  -----------",
        "org      123456789012   12       0        0        1       1            1",
        "app-dev  -               -       -        -        -       -        error",
        "total                   12       0        0        1       1            1",
        "",
        "Notes:",
        "- org: aws_organizations_account.legacy: import of 210987654321 not planned offline (needs AWS); the first apply imports it",
        "- ERROR app-dev: terraform plan failed (exit 1): AWS account ID not allowed: 111111111111",
        "    tried to call ec2 DescribeImages (not available offline)",
        "",
      ].join("\n"),
    );
  });

  it("prints no total for one stack and no notes when there is nothing to say", () => {
    const out = formatPlanTable([{ ...ok, imports: [], notPlanned: [] }]);
    expect(out).not.toMatch(/total|Notes/);
    expect(out.trimEnd().split("\n")).toHaveLength(3);
  });

  it("names the stack in an error that does not start with it", () => {
    expect(formatPlanTable([{ ...failed, error: "boom" }])).toContain("- ERROR app-dev: boom");
  });
});
