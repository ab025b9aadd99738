import { LambdaFunctionUrl } from "@cdktf/provider-aws/lib/lambda-function-url";
import { describe, expect, it } from "vitest";
import { synthErrors } from "./helpers.ts";
import { lambdaFunction } from "./lambda.fixture.ts";

const url = (authorizationType: string) =>
  synthErrors((s) => {
    const fn = lambdaFunction(s, "fn");
    new LambdaFunctionUrl(s, "url", { functionName: fn.functionName, authorizationType });
  });

describe("lambda-url-auth", () => {
  it("passes a function URL that requires IAM", () => {
    expect(url("AWS_IAM")).toEqual([]);
  });

  it("fails a function URL anyone can call", () => {
    expect(url("NONE")).toEqual([
      '[test/url] [lambda-url-auth] aws_lambda_function_url.url: lets anyone on the internet call the function (authorization_type "NONE") (set authorizationType: "AWS_IAM", or put an HTTP API with authorization in front)',
    ]);
  });
});
