import { conditionValues, LITERAL_POLICY_HINT, parsePolicy, type Statement } from "../engine/iam-json.ts";
import type { PolicyRule } from "../engine/rule.ts";
import { bucketCompanions } from "../engine/s3.ts";

function conditionCount(s: Statement): number {
  return Object.values(s.conditions).reduce((n, keys) => n + Object.keys(keys).length, 0);
}

/** Every S3 bucket's policy denies any request made without TLS, with no other condition narrowing the deny. */
export const s3TlsOnly: PolicyRule = {
  id: "s3-tls-only",
  description: 'Every S3 bucket has a bucket policy that denies all principals every s3 action on that bucket and its objects when "aws:SecureTransport" is false, and under no other condition.',
  resourceTypes: ["aws_s3_bucket"],
  check(bucket, stack) {
    const policies = [...bucketCompanions(bucket, stack, "aws_s3_bucket_policy").map((p) => p.config.policy), ...(bucket.config.policy !== undefined ? [bucket.config.policy] : [])];
    const fix = "add denyInsecureTransport(bucketArn) from stacks/policy-document.ts to its aws_s3_bucket_policy, or build it with SecureBucket";
    if (policies.length === 0) return `has no bucket policy, so plain-HTTP requests are not refused (${fix})`;
    // With a literal bucket name the deny must cover exactly this bucket; a
    // computed name (a token) can only be checked for the bucket/object pair.
    const name = typeof bucket.config.bucket === "string" && !bucket.config.bucket.includes("${") ? bucket.config.bucket : undefined;
    const coversThisBucket = (resources: readonly string[]) =>
      name === undefined
        ? resources.some((r) => !r.endsWith("/*")) && resources.some((r) => r.endsWith("/*"))
        : resources.includes(`arn:aws:s3:::${name}`) && resources.includes(`arn:aws:s3:::${name}/*`);
    for (const text of policies) {
      const parsed = parsePolicy(text);
      if ("error" in parsed) return `its bucket policy ${parsed.error}, so TLS-only access cannot be checked (${LITERAL_POLICY_HINT})`;
      const tlsDenies = parsed.statements.filter(
        (s) =>
          s.effect === "Deny" &&
          s.principals.anyone &&
          s.actions.some((a) => a === "*" || a === "s3:*") &&
          coversThisBucket(s.resources) &&
          conditionValues(s, ["Bool"], (k) => k === "aws:securetransport").includes("false"),
      );
      // Any other condition beside aws:SecureTransport narrows the deny: a plain-HTTP request that fails it is let through.
      if (tlsDenies.some((s) => conditionCount(s) === 1)) return undefined;
      const narrowed = tlsDenies[0];
      if (narrowed !== undefined) {
        const others = Object.entries(narrowed.conditions).flatMap(([op, keys]) =>
          Object.keys(keys)
            .filter((k) => !(op === "Bool" && k.toLowerCase() === "aws:securetransport"))
            .map((k) => `${op} ${k}`),
        );
        return `its bucket policy denies requests without TLS only when ${others.join(", ")} also holds${narrowed.sid ? ` (statement "${narrowed.sid}")` : ""}, so other plain-HTTP requests get through (${fix})`;
      }
    }
    return `its bucket policy does not deny requests made without TLS (${fix})`;
  },
};
