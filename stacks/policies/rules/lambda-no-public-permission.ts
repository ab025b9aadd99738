import { type PolicyRule } from "../engine/rule.ts";

/** Nobody outside the caller the permission names can invoke a function. */
export const lambdaNoPublicPermission: PolicyRule = {
  id: "lambda-no-public-permission",
  description:
    'No aws_lambda_permission lets anyone invoke a function: no principal "*", no AWS service principal without the source_arn or source_account of the calling resource, no function URL permission with auth NONE.',
  resourceTypes: ["aws_lambda_permission"],
  check(permission) {
    const c = permission.config;
    const principal = typeof c.principal === "string" ? c.principal : "";
    if (principal.includes("*")) {
      return `lets anyone invoke the function (principal "${principal}") (name the one service or account that calls it, e.g. principal "apigateway.amazonaws.com" with sourceArn)`;
    }
    if (c.function_url_auth_type === "NONE") {
      return 'opens the function URL to unauthenticated callers (function_url_auth_type "NONE") (use "AWS_IAM")';
    }
    if (principal.endsWith(".amazonaws.com") && c.source_arn === undefined && c.source_account === undefined) {
      return `lets ${principal} invoke the function on behalf of any account's resource (set sourceArn to the calling resource, e.g. \`\${api.executionArn}/*/*\`)`;
    }
    return undefined;
  },
};
