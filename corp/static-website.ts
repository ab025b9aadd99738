/**
 * The company's static website at the apex and www: a private bucket,
 * CloudFront reading it through an origin access control, HTTPS only with
 * TLS 1.2 or newer, an ACM certificate in us-east-1 validated by DNS records
 * in the primary zone, and alias records for both names. The records go
 * through the DNS account's narrow records role.
 *
 * ACM validation, as measured offline (ARCHITECTURE.md): the records are
 * keyed by the domain names from config (known at plan time) and each
 * record's name, type and value is picked out of domain_validation_options
 * with a `for` expression; a for_each over the certificate's own attribute
 * cannot be planned for a new certificate.
 */
import { AcmCertificate } from "@cdktf/provider-aws/lib/acm-certificate";
import { AcmCertificateValidation } from "@cdktf/provider-aws/lib/acm-certificate-validation";
import { CloudfrontDistribution } from "@cdktf/provider-aws/lib/cloudfront-distribution";
import { CloudfrontOriginAccessControl } from "@cdktf/provider-aws/lib/cloudfront-origin-access-control";
import type { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { Route53Record } from "@cdktf/provider-aws/lib/route53-record";
import { S3Object } from "@cdktf/provider-aws/lib/s3-object";
import { AssetType, Fn, TerraformAsset } from "cdktf";
import { Construct } from "constructs";
import type { WebsiteConfig } from "../config/corp-model.ts";
import { validationField } from "../stacks/acm-validation.ts";
import { setBucketPurpose } from "../stacks/policies/index.ts";
import { SecureBucket } from "../stacks/secure-bucket.ts";

/** AWS's managed cache policy "CachingOptimized" (a fixed id, so no data source lookup is needed). */
export const CACHING_OPTIMIZED_POLICY_ID = "658327ea-f89d-4fab-a63d-7e88639e58f6";
const ORIGIN_ID = "website-bucket";

/** A construct id for a name or path: construct ids cannot hold "/", and Terraform names read best without dots. */
function idFor(text: string): string {
  return text.replace(/[^A-Za-z0-9-]/g, "-");
}

export interface StaticWebsiteProps {
  readonly website: WebsiteConfig;
  /** Exact name, known at synth (it goes into the origin and the bucket policy). */
  readonly bucketName: string;
  /** The bucket's region, for its regional REST endpoint. */
  readonly region: string;
  readonly primaryZoneId: string;
  /** Writes into the primary zone through the narrow records role. */
  readonly recordsProvider: AwsProvider;
  /** The stack's account in us-east-1, where CloudFront takes certificates from. */
  readonly usEast1: AwsProvider;
}

export class StaticWebsite extends Construct {
  readonly distribution: CloudfrontDistribution;
  readonly certificate: AcmCertificate;

  constructor(scope: Construct, id: string, props: StaticWebsiteProps) {
    super(scope, id);
    const { website } = props;
    const [apex, ...alternatives] = website.domains;

    this.certificate = new AcmCertificate(this, "certificate", {
      provider: props.usEast1,
      domainName: apex!,
      subjectAlternativeNames: alternatives,
      validationMethod: "DNS",
      lifecycle: { createBeforeDestroy: true },
    });
    const validationRecords = website.domains.map(
      (domain) =>
        new Route53Record(this, `validation-${idFor(domain)}`, {
          provider: props.recordsProvider,
          zoneId: props.primaryZoneId,
          name: validationField(this.certificate, domain, "resource_record_name"),
          type: validationField(this.certificate, domain, "resource_record_type"),
          records: [validationField(this.certificate, domain, "resource_record_value")],
          ttl: 300,
          allowOverwrite: true,
        }),
    );
    const validation = new AcmCertificateValidation(this, "certificate-validation", {
      provider: props.usEast1,
      certificateArn: this.certificate.arn,
      validationRecordFqdns: validationRecords.map((r) => r.fqdn),
    });

    const oac = new CloudfrontOriginAccessControl(this, "origin-access", {
      name: props.bucketName,
      description: "CloudFront reads the website bucket, signing every request",
      originAccessControlOriginType: "s3",
      signingBehavior: "always",
      signingProtocol: "sigv4",
    });
    const hasNotFoundPage = website.files.some((f) => f.key === "404.html");
    this.distribution = new CloudfrontDistribution(this, "distribution", {
      enabled: true,
      isIpv6Enabled: true,
      comment: `Website ${apex}`,
      aliases: [...website.domains],
      defaultRootObject: "index.html",
      priceClass: "PriceClass_100",
      origin: [
        {
          originId: ORIGIN_ID,
          // The REST endpoint (never the public website endpoint): only CloudFront, signing with the OAC, may read.
          domainName: `${props.bucketName}.s3.${props.region}.amazonaws.com`,
          originAccessControlId: oac.id,
        },
      ],
      defaultCacheBehavior: {
        targetOriginId: ORIGIN_ID,
        viewerProtocolPolicy: "redirect-to-https",
        allowedMethods: ["GET", "HEAD"],
        cachedMethods: ["GET", "HEAD"],
        cachePolicyId: CACHING_OPTIMIZED_POLICY_ID,
        compress: true,
      },
      // S3 answers 403 for a missing key when the reader may not list the bucket.
      customErrorResponse: hasNotFoundPage ? [{ errorCode: 403, responseCode: 404, responsePagePath: "/404.html" }] : [],
      restrictions: { geoRestriction: { restrictionType: "none" } },
      viewerCertificate: {
        acmCertificateArn: validation.certificateArn,
        sslSupportMethod: "sni-only",
        minimumProtocolVersion: "TLSv1.2_2021",
      },
    });

    const site = new SecureBucket(this, "bucket", {
      bucketName: props.bucketName,
      // CloudFront cannot decrypt with the AWS managed key aws/s3 (its key policy cannot name CloudFront): SSE-S3.
      encryption: "AES256",
      extraStatements: (bucketArn) => [
        {
          Sid: "CloudFrontReadsThroughOriginAccessControl",
          Effect: "Allow",
          Principal: { Service: "cloudfront.amazonaws.com" },
          Action: "s3:GetObject",
          Resource: `${bucketArn}/*`,
          Condition: { StringEquals: { "AWS:SourceArn": this.distribution.arn } },
        },
      ],
    });
    setBucketPurpose(site.bucket, "website");

    for (const file of website.files) {
      // A cdktf asset copies the file into the synthesized stack, so the plan reads it from there; a changed file changes the hash.
      const asset = new TerraformAsset(this, `file-${idFor(file.key)}`, { path: file.path, type: AssetType.FILE });
      new S3Object(this, `object-${idFor(file.key)}`, {
        bucket: site.bucket.id,
        key: file.key,
        source: asset.path,
        sourceHash: Fn.filemd5(asset.path),
        contentType: file.contentType,
      });
    }

    for (const domain of website.domains) {
      for (const type of ["A", "AAAA"]) {
        new Route53Record(this, `alias-${idFor(domain)}-${type}`, {
          provider: props.recordsProvider,
          zoneId: props.primaryZoneId,
          name: domain,
          type,
          alias: { name: this.distribution.domainName, zoneId: this.distribution.hostedZoneId, evaluateTargetHealth: false },
        });
      }
    }
  }
}
