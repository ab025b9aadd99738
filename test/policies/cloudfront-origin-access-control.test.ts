import { describe, expect, it } from "vitest";
import { distribution } from "./cloudfront.fixture.ts";
import { synthErrors } from "./helpers.ts";

const FIX =
  "(point the origin at the bucket's bucketRegionalDomainName with originAccessControlId from an aws_cloudfront_origin_access_control, and allow only this distribution in the bucket policy)";

describe("cloudfront-origin-access-control", () => {
  it("passes a distribution reading its bucket through an origin access control (the custom origin needs none)", () => {
    expect(synthErrors((s) => distribution(s))).toEqual([]);
  });

  it("fails an S3 origin without one, one with a legacy identity, and a website endpoint", () => {
    const errors = (siteOrigin: "none" | "identity" | "website") => synthErrors((s) => distribution(s, { siteOrigin }));
    expect(errors("none")).toEqual([`[test/cdn] [cloudfront-origin-access-control] aws_cloudfront_distribution.cdn: origin "site" reads S3 without an origin access control ${FIX}`]);
    expect(errors("identity")).toEqual([`[test/cdn] [cloudfront-origin-access-control] aws_cloudfront_distribution.cdn: origin "site" uses a legacy origin access identity ${FIX}`]);
    expect(errors("website")).toEqual([`[test/cdn] [cloudfront-origin-access-control] aws_cloudfront_distribution.cdn: origin "site" is a bucket's public website endpoint ${FIX}`]);
  });

  it("knows a website endpoint by reference too: the bucket's website_endpoint, or its website configuration's", () => {
    for (const siteOrigin of ["website-ref", "website-config-ref"] as const) {
      expect(
        synthErrors((s) => distribution(s, { siteOrigin })),
        siteOrigin,
      ).toEqual([`[test/cdn] [cloudfront-origin-access-control] aws_cloudfront_distribution.cdn: origin "site" is a bucket's public website endpoint ${FIX}`]);
    }
  });

  it("knows an S3 REST endpoint written out, and asks it for an origin access control", () => {
    expect(synthErrors((s) => distribution(s, { siteOrigin: "rest-literal-oac" }))).toEqual([]);
    expect(synthErrors((s) => distribution(s, { siteOrigin: "rest-literal" }))).toEqual([
      `[test/cdn] [cloudfront-origin-access-control] aws_cloudfront_distribution.cdn: origin "site" reads S3 without an origin access control ${FIX}`,
    ]);
  });

  it("passes an empty legacy identity beside the origin access control", () => {
    expect(synthErrors((s) => distribution(s, { siteOrigin: "empty-identity" }))).toEqual([]);
  });
});
