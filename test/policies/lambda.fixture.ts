/** A Lambda function that passes every rule, for the Lambda rules' tests to change one thing on. */
import { LambdaFunction, type LambdaFunctionConfig } from "@cdktf/provider-aws/lib/lambda-function";
import type { Construct } from "constructs";

export function lambdaFunction(scope: Construct, id: string, overrides: Partial<LambdaFunctionConfig> = {}): LambdaFunction {
  return new LambdaFunction(scope, id, {
    functionName: id,
    role: "arn:aws:iam::111111111111:role/fn",
    runtime: "nodejs20.x",
    handler: "handler.handler",
    filename: "code.zip",
    ...overrides,
  });
}
