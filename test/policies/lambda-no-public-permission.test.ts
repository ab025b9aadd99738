import { LambdaPermission, type LambdaPermissionConfig } from "@cdktf/provider-aws/lib/lambda-permission";
import { describe, expect, it } from "vitest";
import { synthErrors } from "./helpers.ts";
import { lambdaFunction } from "./lambda.fixture.ts";

const permission = (config: Partial<LambdaPermissionConfig>) =>
  synthErrors((s) => {
    const fn = lambdaFunction(s, "fn");
    new LambdaPermission(s, "invoke", { action: "lambda:InvokeFunction", functionName: fn.functionName, principal: "apigateway.amazonaws.com", ...config });
  });

describe("lambda-no-public-permission", () => {
  it("passes a service principal pinned to the calling resource, and an account principal", () => {
    expect(permission({ sourceArn: "arn:aws:execute-api:eu-west-1:111111111111:abc123/*/*" })).toEqual([]);
    expect(permission({ principal: "events.amazonaws.com", sourceAccount: "111111111111" })).toEqual([]);
    expect(permission({ principal: "111111111111" })).toEqual([]);
  });

  it("fails a permission for anyone", () => {
    expect(permission({ principal: "*" })).toEqual([
      '[test/invoke] [lambda-no-public-permission] aws_lambda_permission.invoke: lets anyone invoke the function (principal "*") (name the one service or account that calls it, e.g. principal "apigateway.amazonaws.com" with sourceArn)',
    ]);
  });

  it("fails a service principal that any account's resource could use", () => {
    expect(permission({})).toEqual([
      "[test/invoke] [lambda-no-public-permission] aws_lambda_permission.invoke: lets apigateway.amazonaws.com invoke the function on behalf of any account's resource (set sourceArn to the calling resource, e.g. `${api.executionArn}/*/*`)",
    ]);
  });

  it("fails a function URL permission without authentication", () => {
    expect(permission({ principal: "111111111111", action: "lambda:InvokeFunctionUrl", functionUrlAuthType: "NONE" })).toEqual([
      '[test/invoke] [lambda-no-public-permission] aws_lambda_permission.invoke: opens the function URL to unauthenticated callers (function_url_auth_type "NONE") (use "AWS_IAM")',
    ]);
  });

  it("fails a principal with a wildcard in it, not only a bare *", () => {
    expect(permission({ principal: "*.amazonaws.com" })).toEqual([
      '[test/invoke] [lambda-no-public-permission] aws_lambda_permission.invoke: lets anyone invoke the function (principal "*.amazonaws.com") (name the one service or account that calls it, e.g. principal "apigateway.amazonaws.com" with sourceArn)',
    ]);
  });
});
