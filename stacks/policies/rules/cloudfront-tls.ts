import { block, blocks, isTrue, listing, strings, type PolicyRule } from "../engine/rule.ts";

const MODERN = /^TLSv1\.[23]_\d{4}$/;
const OLD_ORIGIN_PROTOCOLS = ["SSLv3", "TLSv1", "TLSv1.1"];

/** CloudFront accepts TLS 1.2 or newer from viewers and uses it towards origins. */
export const cloudfrontTls: PolicyRule = {
  id: "cloudfront-tls",
  description: "CloudFront distributions serve an ACM certificate with a minimum protocol version of TLS 1.2 or newer, and custom origins allow only TLSv1.2.",
  resourceTypes: ["aws_cloudfront_distribution"],
  check(distribution) {
    const problems: string[] = [];
    const certificate = block(distribution.config.viewer_certificate);
    const minimum = certificate.minimum_protocol_version;
    if (isTrue(certificate.cloudfront_default_certificate)) {
      problems.push("it uses the default *.cloudfront.net certificate, which accepts TLS 1.0");
    } else if (typeof minimum !== "string" || !MODERN.test(minimum)) {
      problems.push(`its minimum viewer protocol is ${minimum === undefined ? "not set (TLSv1)" : String(minimum)}`);
    }
    for (const origin of blocks(distribution.config.origin)) {
      const old = strings(block(origin.custom_origin_config).origin_ssl_protocols).filter((p) => OLD_ORIGIN_PROTOCOLS.includes(p));
      if (old.length > 0) problems.push(`origin "${String(origin.origin_id)}" allows ${listing(old)}`);
    }
    if (problems.length === 0) return undefined;
    return `${problems.join("; ")} (serve an ACM certificate with minimumProtocolVersion "TLSv1.2_2021" and set originSslProtocols to ["TLSv1.2"])`;
  },
};
