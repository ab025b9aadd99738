/** A CloudFront distribution that every CloudFront rule accepts, with one knob per rule to break it. */
import { CloudfrontDistribution, type CloudfrontDistributionConfig } from "@cdktf/provider-aws/lib/cloudfront-distribution";
import { CloudfrontOriginAccessControl } from "@cdktf/provider-aws/lib/cloudfront-origin-access-control";
import { bucket, type PolicyTestStack } from "./helpers.ts";

export interface DistributionChanges {
  readonly viewerProtocolPolicy?: string;
  /** Of the ordered cache behavior "/api/*". */
  readonly apiViewerProtocolPolicy?: string;
  readonly apiOriginProtocolPolicy?: string;
  readonly apiOriginSslProtocols?: string[];
  readonly viewerCertificate?: CloudfrontDistributionConfig["viewerCertificate"];
  /** How the site bucket origin is reached. */
  readonly siteOrigin?: "oac" | "none" | "identity" | "website";
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
  return new CloudfrontDistribution(s, "cdn", {
    enabled: true,
    origin: [
      {
        originId: "site",
        domainName: how === "website" ? "acme-site.s3-website-eu-west-1.amazonaws.com" : site.bucketRegionalDomainName,
        ...(how === "oac" && { originAccessControlId: oac.id }),
        ...(how === "identity" && { s3OriginConfig: { originAccessIdentity: "origin-access-identity/cloudfront/E2QWRUHEXAMPLE" } }),
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
