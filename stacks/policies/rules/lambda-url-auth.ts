import { type PolicyRule } from "../engine/rule.ts";

/** A function URL is reached only by signed (IAM) requests. */
export const lambdaUrlAuth: PolicyRule = {
  id: "lambda-url-auth",
  description: 'Lambda function URLs require IAM authorization (authorization_type "AWS_IAM", never "NONE").',
  resourceTypes: ["aws_lambda_function_url"],
  check(url) {
    if (url.config.authorization_type === "AWS_IAM") return undefined;
    return `lets anyone on the internet call the function (authorization_type ${JSON.stringify(url.config.authorization_type ?? "(none)")}) (set authorizationType: "AWS_IAM", or put an HTTP API with authorization in front)`;
  },
};
