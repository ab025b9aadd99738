import { describe, expect, it } from "vitest";
import { synthErrors } from "./helpers.ts";
import { lambdaFunction } from "./lambda.fixture.ts";

const withVariables = (variables: Record<string, string>) => synthErrors((s) => lambdaFunction(s, "fn", { environment: { variables } }));
const ADVICE = "they are readable by anyone who may read the function's configuration (keep the secret in Secrets Manager or SSM Parameter Store and pass its name, e.g. DB_PASSWORD_PARAMETER)";

describe("lambda-no-secret-env", () => {
  it("passes plain settings and names of where a secret is kept", () => {
    expect(withVariables({ TABLE_NAME: "items", LOG_LEVEL: "info", DB_PASSWORD_PARAMETER: "/app/db-password", API_KEY_SECRET_ARN: "arn:aws:secretsmanager:eu-west-1:111111111111:secret:k" })).toEqual(
      [],
    );
    expect(synthErrors((s) => lambdaFunction(s, "fn"))).toEqual([]);
  });

  it("fails a variable named like a secret, and values that are secrets whatever their name", () => {
    expect(withVariables({ DB_PASSWORD: "hunter22", SETTING: "AKIAIOSFODNN7EXAMPLE", GITHUB: "ghp_abcdefghijklmnopqrstuvwxyz0123456789" })).toEqual([
      `[test/fn] [lambda-no-secret-env] aws_lambda_function.fn: has secret-looking environment variables: DB_PASSWORD is named like a secret, SETTING holds an AWS access key id and GITHUB holds a GitHub token; ${ADVICE}`,
    ]);
  });
});
