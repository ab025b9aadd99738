/** A CloudFront distribution that every CloudFront rule accepts, with one knob per rule to break it. */
import { CloudfrontDistribution, type CloudfrontDistributionConfig } from "@cdktf/provider-aws/lib/cloudfront-distribution";
import { CloudfrontOriginAccessControl } from "@cdktf/provider-aws/lib/cloudfront-origin-access-control";
import { S3BucketWebsiteConfiguration } from "@cdktf/provider-aws/lib/s3-bucket-website-configuration";
import { bucket, type PolicyTestStack } from "./helpers.ts";

export interface DistributionChanges {
  readonly viewerProtocolPolicy?: string;
  /** Of the ordered cache behavior "/api/*". */
  readonly apiViewerProtocolPolicy?: string;
  readonly apiOriginProtocolPolicy?: string;
  readonly apiOriginSslProtocols?: string[];
  readonly viewerCertificate?: CloudfrontDistributionConfig["viewerCertificate"];
  /**
   * How the site bucket origin is reached: oac (compliant), none, a legacy
   * identity, an empty identity beside the OAC (what Terraform configs often
   * carry), the website endpoint written out or referenced (the bucket's
   * website_endpoint or its website configuration's), the REST endpoint
   * written out with or without an OAC.
   */
  readonly siteOrigin?: "oac" | "none" | "identity" | "empty-identity" | "website" | "website-ref" | "website-config-ref" | "rest-literal" | "rest-literal-oac";
}

export function distribution(s: PolicyTestStack, changes: DistributionChanges = {}): CloudfrontDistribution {
  const site = bucket(s, "site", "acme-site");
  const oac = new CloudfrontOriginAccessControl(s, "site-oac", {
    name: "site",
    originAccessControlOriginType: "s3",
    signingBehavior: "always",
    signingProtocol: "sigv4",
  });
  const how = changes.siteOrigin ?? "oac";
  const websiteEndpoint = () => new S3BucketWebsiteConfiguration(s, "site-website", { bucket: site.id, indexDocument: { suffix: "index.html" } }).websiteEndpoint;
  const domains: Partial<Record<NonNullable<DistributionChanges["siteOrigin"]>, string>> = {
    website: "acme-site.s3-website-eu-west-1.amazonaws.com",
    "website-ref": site.websiteEndpoint,
    ...(how === "website-config-ref" && { "website-config-ref": websiteEndpoint() }),
    "rest-literal": "acme-site.s3.eu-west-1.amazonaws.com",
    "rest-literal-oac": "acme-site.s3.eu-west-1.amazonaws.com",
  };
  return new CloudfrontDistribution(s, "cdn", {
    enabled: true,
    origin: [
      {
        originId: "site",
        domainName: domains[how] ?? site.bucketRegionalDomainName,
        ...((how === "oac" || how === "empty-identity" || how === "rest-literal-oac") && { originAccessControlId: oac.id }),
        ...(how === "identity" && { s3OriginConfig: { originAccessIdentity: "origin-access-identity/cloudfront/E2QWRUHEXAMPLE" } }),
        ...(how === "empty-identity" && { s3OriginConfig: { originAccessIdentity: "" } }),
      },
      {
        originId: "api",
        domainName: "api.example.com",
        customOriginConfig: {
          httpPort: 80,
          httpsPort: 443,
          originProtocolPolicy: changes.apiOriginProtocolPolicy ?? "https-only",
          originSslProtocols: changes.apiOriginSslProtocols ?? ["TLSv1.2"],
        },
      },
    ],
    defaultCacheBehavior: {
      targetOriginId: "site",
      allowedMethods: ["GET", "HEAD"],
      cachedMethods: ["GET", "HEAD"],
      viewerProtocolPolicy: changes.viewerProtocolPolicy ?? "redirect-to-https",
      cachePolicyId: "658327ea-f89d-4fab-a63d-7e88639e58f6",
    },
    orderedCacheBehavior: [
      {
        pathPattern: "/api/*",
        targetOriginId: "api",
        allowedMethods: ["GET", "HEAD"],
        cachedMethods: ["GET", "HEAD"],
        viewerProtocolPolicy: changes.apiViewerProtocolPolicy ?? "https-only",
        cachePolicyId: "4135ea2d-6df8-44a3-9df3-4b5a84be39ad",
      },
    ],
    restrictions: { geoRestriction: { restrictionType: "none" } },
    viewerCertificate: changes.viewerCertificate ?? {
      acmCertificateArn: "arn:aws:acm:us-east-1:111111111111:certificate/00000000-0000-0000-0000-000000000000",
      sslSupportMethod: "sni-only",
      minimumProtocolVersion: "TLSv1.2_2021",
    },
  });
}
