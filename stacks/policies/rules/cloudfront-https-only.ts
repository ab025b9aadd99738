import { block, blocks, type PolicyRule } from "../engine/rule.ts";

const VIEWER_HTTPS = ["redirect-to-https", "https-only"];

/** CloudFront talks HTTPS to viewers and to custom origins. */
export const cloudfrontHttpsOnly: PolicyRule = {
  id: "cloudfront-https-only",
  description: 'CloudFront distributions redirect viewers to HTTPS or refuse HTTP in every cache behavior, and reach custom origins with "https-only".',
  resourceTypes: ["aws_cloudfront_distribution"],
  check(distribution) {
    const problems: string[] = [];
    const behaviors = [
      { label: "the default cache behavior", policy: block(distribution.config.default_cache_behavior).viewer_protocol_policy },
      ...blocks(distribution.config.ordered_cache_behavior).map((b) => ({ label: `cache behavior "${String(b.path_pattern)}"`, policy: b.viewer_protocol_policy })),
    ];
    for (const { label, policy } of behaviors) {
      if (!VIEWER_HTTPS.includes(String(policy))) problems.push(`${label} allows plain HTTP (viewer_protocol_policy ${String(policy)})`);
    }
    for (const origin of blocks(distribution.config.origin)) {
      const custom = block(origin.custom_origin_config);
      if (Object.keys(custom).length > 0 && custom.origin_protocol_policy !== "https-only") {
        problems.push(`origin "${String(origin.origin_id)}" is reached over ${String(custom.origin_protocol_policy)}`);
      }
    }
    if (problems.length === 0) return undefined;
    return `${problems.join("; ")} (set viewerProtocolPolicy "redirect-to-https" and originProtocolPolicy "https-only")`;
  },
};
