import { block, listing, type PolicyRule } from "../engine/rule.ts";

/** Names that say the value is a secret; a name ending in one of REFERENCE_SUFFIXES only names where the secret is. */
const SECRET_NAME = /(SECRET|PASSWORD|PASSWD|TOKEN|API_?KEY|PRIVATE_?KEY|CREDENTIAL)/i;
const REFERENCE_SUFFIXES = /_(ARN|NAME|PARAMETER|PARAM|ID|PATH)$/i;

/** Values that are secrets whatever their name. */
const SECRET_VALUES: readonly [RegExp, string][] = [
  [/\b(AKIA|ASIA)[A-Z0-9]{16}\b/, "an AWS access key id"],
  [/-----BEGIN [A-Z ]*PRIVATE KEY-----/, "a private key"],
  [/\b(ghp|gho|ghs|github_pat)_[A-Za-z0-9_]{20,}/, "a GitHub token"],
  [/\bxox[abprs]-[A-Za-z0-9-]{10,}/, "a Slack token"],
  [/\bsk_live_[A-Za-z0-9]{16,}/, "a Stripe secret key"],
];

/** Lambda environment variables hold no secrets: anyone who may read the function's configuration reads them. */
export const lambdaNoSecretEnv: PolicyRule = {
  id: "lambda-no-secret-env",
  description:
    "Lambda functions have no secret-looking environment variables (a name such as PASSWORD, TOKEN or API_KEY not ending in _ARN/_NAME/_PARAMETER/_ID/_PATH, or a value that is an access key, private key or token).",
  resourceTypes: ["aws_lambda_function"],
  check(fn) {
    const variables = block(block(fn.config.environment).variables);
    const found: string[] = [];
    for (const [name, value] of Object.entries(variables)) {
      const kind = typeof value === "string" ? SECRET_VALUES.find(([pattern]) => pattern.test(value))?.[1] : undefined;
      if (kind !== undefined) found.push(`${name} holds ${kind}`);
      else if (SECRET_NAME.test(name) && !REFERENCE_SUFFIXES.test(name)) found.push(`${name} is named like a secret`);
    }
    if (found.length === 0) return undefined;
    return `has secret-looking environment variables: ${listing(found)}; they are readable by anyone who may read the function's configuration (keep the secret in Secrets Manager or SSM Parameter Store and pass its name, e.g. DB_PASSWORD_PARAMETER)`;
  },
};
