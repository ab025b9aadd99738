import { describe, expect, it } from "vitest";
import { distribution } from "./cloudfront.fixture.ts";
import { synthErrors } from "./helpers.ts";

describe("cloudfront-https-only", () => {
  it("passes a distribution that redirects viewers to HTTPS and reaches its custom origin over HTTPS", () => {
    expect(synthErrors((s) => distribution(s))).toEqual([]);
  });

  it("fails one that serves plain HTTP and reaches its origin over HTTP", () => {
    expect(synthErrors((s) => distribution(s, { viewerProtocolPolicy: "allow-all", apiOriginProtocolPolicy: "match-viewer" }))).toEqual([
      '[test/cdn] [cloudfront-https-only] aws_cloudfront_distribution.cdn: the default cache behavior allows plain HTTP (viewer_protocol_policy allow-all); origin "api" is reached over match-viewer (set viewerProtocolPolicy "redirect-to-https" and originProtocolPolicy "https-only")',
    ]);
  });

  it("fails one whose default behavior redirects but whose ordered cache behavior allows plain HTTP", () => {
    expect(synthErrors((s) => distribution(s, { apiViewerProtocolPolicy: "allow-all" }))).toEqual([
      '[test/cdn] [cloudfront-https-only] aws_cloudfront_distribution.cdn: cache behavior "/api/*" allows plain HTTP (viewer_protocol_policy allow-all) (set viewerProtocolPolicy "redirect-to-https" and originProtocolPolicy "https-only")',
    ]);
  });
});
