import { block, blocks, type PolicyRule } from "../engine/rule.ts";
import type { StackView } from "../engine/view.ts";

const S3_REST_DOMAIN = /\.s3(\.dualstack)?[.-]([a-z0-9-]+\.)?amazonaws\.com$/;
const S3_WEBSITE_DOMAIN = /\.s3-website[.-]/;

function originKind(domain: unknown, stack: StackView): "s3" | "s3-website" | "other" {
  const target = stack.referenced(domain);
  if (target?.type === "aws_s3_bucket_website_configuration") return "s3-website";
  if (target?.type === "aws_s3_bucket") return String(domain).endsWith(".website_endpoint}") ? "s3-website" : "s3";
  if (typeof domain !== "string") return "other";
  if (S3_WEBSITE_DOMAIN.test(domain)) return "s3-website";
  return S3_REST_DOMAIN.test(domain) ? "s3" : "other";
}

/** CloudFront reads S3 origins through an origin access control, never a public website endpoint or a legacy identity. */
export const cloudfrontOriginAccessControl: PolicyRule = {
  id: "cloudfront-origin-access-control",
  description: "CloudFront reads every S3 origin through its REST endpoint with an origin access control (no legacy origin access identity, no public website endpoint).",
  resourceTypes: ["aws_cloudfront_distribution"],
  check(distribution, stack) {
    const problems: string[] = [];
    for (const origin of blocks(distribution.config.origin)) {
      const label = `origin "${String(origin.origin_id)}"`;
      const s3Config = block(origin.s3_origin_config);
      const kind = Object.keys(s3Config).length > 0 ? "s3" : originKind(origin.domain_name, stack);
      if (kind === "s3-website") problems.push(`${label} is a bucket's public website endpoint`);
      if (kind !== "s3") continue;
      const identity = s3Config.origin_access_identity;
      if (typeof identity === "string" && identity !== "") problems.push(`${label} uses a legacy origin access identity`);
      else if (typeof origin.origin_access_control_id !== "string" || origin.origin_access_control_id === "") {
        problems.push(`${label} reads S3 without an origin access control`);
      }
    }
    if (problems.length === 0) return undefined;
    return `${problems.join("; ")} (point the origin at the bucket's bucketRegionalDomainName with originAccessControlId from an aws_cloudfront_origin_access_control, and allow only this distribution in the bucket policy)`;
  },
};
