import { describe, expect, it } from "vitest";
import { distribution } from "./cloudfront.fixture.ts";
import { synthErrors } from "./helpers.ts";

describe("cloudfront-tls", () => {
  it("passes a distribution with an ACM certificate, TLS 1.2 minimum, and TLS 1.2 to its origin", () => {
    expect(synthErrors((s) => distribution(s))).toEqual([]);
  });

  it("fails one on the default certificate that allows TLS 1.0 to its origin", () => {
    expect(synthErrors((s) => distribution(s, { viewerCertificate: { cloudfrontDefaultCertificate: true }, apiOriginSslProtocols: ["TLSv1", "TLSv1.2"] }))).toEqual([
      '[test/cdn] [cloudfront-tls] aws_cloudfront_distribution.cdn: it uses the default *.cloudfront.net certificate, which accepts TLS 1.0; origin "api" allows TLSv1 (serve an ACM certificate with minimumProtocolVersion "TLSv1.2_2021" and set originSslProtocols to ["TLSv1.2"])',
    ]);
  });

  it("fails one whose certificate still accepts TLS 1.1", () => {
    const certificate = { acmCertificateArn: "arn:aws:acm:us-east-1:111111111111:certificate/x", sslSupportMethod: "sni-only", minimumProtocolVersion: "TLSv1.1_2016" };
    expect(synthErrors((s) => distribution(s, { viewerCertificate: certificate }))).toEqual([
      '[test/cdn] [cloudfront-tls] aws_cloudfront_distribution.cdn: its minimum viewer protocol is TLSv1.1_2016 (serve an ACM certificate with minimumProtocolVersion "TLSv1.2_2021" and set originSslProtocols to ["TLSv1.2"])',
    ]);
  });
});
