import { IamAccessKey } from "@cdktf/provider-aws/lib/iam-access-key";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamUser } from "@cdktf/provider-aws/lib/iam-user";
import { IamUserPolicyAttachment } from "@cdktf/provider-aws/lib/iam-user-policy-attachment";
import { describe, expect, it } from "vitest";
import { buildAllStacks } from "../../stacks/all-stacks.ts";
import { synthesizeOrThrow } from "../../stacks/synthesize.ts";
import { EXAMPLE_CONFIG } from "../helpers/example-config.ts";
import { synthErrors } from "./helpers.ts";
import { tempDir } from "../engine/helpers.ts";
import { readFileSync } from "node:fs";
import { join } from "node:path";

const REASON = "long-lived and outside Identity Center (give people a group and permission set in config/access.yaml, machines a role)";

describe("iam-no-users", () => {
  it("passes a role", () => {
    expect(
      synthErrors(
        (s) =>
          new IamRole(s, "role", {
            name: "r",
            assumeRolePolicy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" }] }),
          }),
      ),
    ).toEqual([]);
  });

  it("fails a user, its access key and its policy attachment, in the management account too", () => {
    const errors = synthErrors((s) => {
      const user = new IamUser(s, "deployer", { name: "deployer" });
      new IamAccessKey(s, "deployer-key", { user: user.name });
      new IamUserPolicyAttachment(s, "deployer-admin", { user: user.name, policyArn: "arn:aws:iam::aws:policy/ReadOnlyAccess" });
    }, "org");
    expect(errors).toEqual([
      `[test/deployer] [iam-no-users] aws_iam_user.deployer: is an IAM user or its credentials (aws_iam_user): ${REASON}`,
      `[test/deployer-key] [iam-no-users] aws_iam_access_key.deployer-key: is an IAM user or its credentials (aws_iam_access_key): ${REASON}`,
      `[test/deployer-admin] [iam-no-users] aws_iam_user_policy_attachment.deployer-admin: is an IAM user or its credentials (aws_iam_user_policy_attachment): ${REASON}`,
    ]);
  });

  it("holds for every stack of the example: no IAM user anywhere", () => {
    const tmp = tempDir("no-iam-users");
    try {
      const { stackDirs } = synthesizeOrThrow({ configDir: EXAMPLE_CONFIG, outdir: tmp.dir }, buildAllStacks);
      expect(stackDirs.length).toBe(7);
      for (const dir of stackDirs) {
        const resources = Object.keys((JSON.parse(readFileSync(join(dir, "cdk.tf.json"), "utf8")) as { resource?: object }).resource ?? {});
        expect(
          resources.filter((t) => t.startsWith("aws_iam_user") || t === "aws_iam_access_key"),
          dir,
        ).toEqual([]);
      }
    } finally {
      tmp.remove();
    }
  });
});
