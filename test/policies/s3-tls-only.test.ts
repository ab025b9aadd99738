import { Fn, TerraformVariable } from "cdktf";
import { describe, expect, it } from "vitest";
import { denyInsecureTransport, policyDocument, policyJson, type PolicyStatement } from "../../stacks/policy-document.ts";
import { bucket, synthErrors } from "./helpers.ts";

describe("s3-tls-only", () => {
  it("passes a bucket whose policy denies requests without TLS", () => {
    expect(synthErrors((s) => bucket(s, "site", "acme-site"))).toEqual([]);
  });

  it("fails a bucket whose policy only allows, one without a policy, and one whose policy cannot be read at synth time", () => {
    expect(
      synthErrors((s) => {
        bucket(s, "site", "acme-site", {
          statements: (arn) => [{ Sid: "ReadFromOrg", Effect: "Allow", Principal: { AWS: "arn:aws:iam::111111111111:role/reader" }, Action: "s3:GetObject", Resource: `${arn}/*` }],
        });
        bucket(s, "nopolicy", "acme-nopolicy", { policy: false });
        bucket(s, "computed", "acme-computed", { policy: Fn.jsonencode({ Version: "2012-10-17", Statement: [] }) });
        // a deny copied from another bucket's policy protects that bucket, not this one
        bucket(s, "copied", "acme-copied", { statements: () => [denyInsecureTransport("arn:aws:s3:::acme-site")] });
      }),
    ).toEqual([
      "[test/site] [s3-tls-only] aws_s3_bucket.site: its bucket policy does not deny requests made without TLS (add denyInsecureTransport(bucketArn) from stacks/policy-document.ts to its aws_s3_bucket_policy, or build it with SecureBucket)",
      "[test/nopolicy] [s3-tls-only] aws_s3_bucket.nopolicy: has no bucket policy, so plain-HTTP requests are not refused (add denyInsecureTransport(bucketArn) from stacks/policy-document.ts to its aws_s3_bucket_policy, or build it with SecureBucket)",
      "[test/computed] [s3-tls-only] aws_s3_bucket.computed: its bucket policy is not literal JSON, so TLS-only access cannot be checked (build it as literal JSON with policyDocument() from stacks/policy-document.ts so it can be checked at synth time)",
      "[test/copied] [s3-tls-only] aws_s3_bucket.copied: its bucket policy does not deny requests made without TLS (add denyInsecureTransport(bucketArn) from stacks/policy-document.ts to its aws_s3_bucket_policy, or build it with SecureBucket)",
    ]);
  });

  it("fails a TLS deny that is present but wrong: the condition's value, the actions, the principal", () => {
    const wrong = (name: string, change: (deny: PolicyStatement) => PolicyStatement) => (arn: string) => [{ ...change(denyInsecureTransport(arn)), Sid: name }];
    const errors = synthErrors((s) => {
      // "true" denies the requests that do use TLS, and lets plain HTTP through.
      bucket(s, "value", "acme-value", { statements: wrong("ValueTrue", (d) => ({ ...d, Condition: { Bool: { "aws:SecureTransport": "true" } } })) });
      bucket(s, "actions", "acme-actions", { statements: wrong("OnlyGetObject", (d) => ({ ...d, Action: "s3:GetObject" })) });
      bucket(s, "principal", "acme-principal", { statements: wrong("OneRole", (d) => ({ ...d, Principal: { AWS: "arn:aws:iam::111111111111:role/reader" } })) });
    });
    expect(errors).toEqual(
      ["value", "actions", "principal"].map(
        (b) =>
          `[test/${b}] [s3-tls-only] aws_s3_bucket.${b}: its bucket policy does not deny requests made without TLS (add denyInsecureTransport(bucketArn) from stacks/policy-document.ts to its aws_s3_bucket_policy, or build it with SecureBucket)`,
      ),
    );
  });

  it("fails a TLS deny narrowed by another condition, which lets the other plain-HTTP requests through", () => {
    const narrowed = (arn: string) => ({
      ...denyInsecureTransport(arn),
      Condition: { Bool: { "aws:SecureTransport": "false" }, StringEquals: { "aws:PrincipalAccount": "111111111111" } },
    });
    expect(synthErrors((s) => bucket(s, "site", "acme-site", { statements: (arn) => [narrowed(arn)] }))).toEqual([
      '[test/site] [s3-tls-only] aws_s3_bucket.site: its bucket policy denies requests without TLS only when StringEquals aws:PrincipalAccount also holds (statement "DenyInsecureTransport"), so other plain-HTTP requests get through (add denyInsecureTransport(bucketArn) from stacks/policy-document.ts to its aws_s3_bucket_policy, or build it with SecureBucket)',
    ]);
  });

  it("fails more shapes that look right: an Allow of the deny's shape, a deny on another Bool key, a deny on the bucket without its objects", () => {
    const wrong = (change: (deny: PolicyStatement) => PolicyStatement) => (arn: string) => [change(denyInsecureTransport(arn))];
    const errors = synthErrors((s) => {
      bucket(s, "allow", "acme-allow", { statements: wrong((d) => ({ ...d, Effect: "Allow" })) });
      // "aws:ViaAWSService" false is most requests, with TLS or without
      bucket(s, "otherkey", "acme-otherkey", { statements: wrong((d) => ({ ...d, Condition: { Bool: { "aws:ViaAWSService": "false" } } })) });
      bucket(s, "bucketonly", "acme-bucketonly", { statements: wrong((d) => ({ ...d, Resource: "arn:aws:s3:::acme-bucketonly" })) });
      bucket(s, "objectsonly", "acme-objectsonly", { statements: wrong((d) => ({ ...d, Resource: "arn:aws:s3:::acme-objectsonly/*" })) });
    });
    expect(errors).toEqual(
      ["allow", "otherkey", "bucketonly", "objectsonly"].map(
        (b) =>
          `[test/${b}] [s3-tls-only] aws_s3_bucket.${b}: its bucket policy does not deny requests made without TLS (add denyInsecureTransport(bucketArn) from stacks/policy-document.ts to its aws_s3_bucket_policy, or build it with SecureBucket)`,
      ),
    );
  });

  it("passes the deny written with every action (*), or with s3:* among other actions", () => {
    expect(
      synthErrors((s) => {
        bucket(s, "star", "acme-star", { statements: (arn) => [{ ...denyInsecureTransport(arn), Action: "*" }] });
        bucket(s, "among", "acme-among", { statements: (arn) => [{ ...denyInsecureTransport(arn), Action: ["s3:GetObject", "s3:*"] }] });
      }),
    ).toEqual([]);
  });

  it("reads the policy set on the bucket resource itself, not only aws_s3_bucket_policy", () => {
    const inline = (tls: boolean) =>
      synthErrors((s) => {
        const b = bucket(s, "site", "acme-site", { policy: false });
        const deny = denyInsecureTransport("arn:aws:s3:::acme-site");
        b.policy = policyJson(policyDocument(tls ? deny : { ...deny, Condition: { Bool: { "aws:SecureTransport": "true" } } }));
      });
    expect(inline(true)).toEqual([]);
    expect(inline(false)).toEqual([
      "[test/site] [s3-tls-only] aws_s3_bucket.site: its bucket policy does not deny requests made without TLS (add denyInsecureTransport(bucketArn) from stacks/policy-document.ts to its aws_s3_bucket_policy, or build it with SecureBucket)",
    ]);
  });

  it("with a computed bucket name, asks the deny to cover a bucket and its objects", () => {
    const withResources = (resources: (arn: string) => string[]) =>
      synthErrors((s) => {
        const name = new TerraformVariable(s, "bucket-name", { type: "string" }).stringValue;
        bucket(s, "site", name, { statements: (arn) => [{ ...denyInsecureTransport(arn), Resource: resources(arn) }] });
      });
    const line =
      "[test/site] [s3-tls-only] aws_s3_bucket.site: its bucket policy does not deny requests made without TLS (add denyInsecureTransport(bucketArn) from stacks/policy-document.ts to its aws_s3_bucket_policy, or build it with SecureBucket)";
    expect(withResources((arn) => [arn, `${arn}/*`])).toEqual([]);
    expect(withResources((arn) => [arn])).toEqual([line]);
    expect(withResources((arn) => [`${arn}/*`])).toEqual([line]);
  });

  it("names every condition that narrows the deny, including another Bool key, and no statement when it has no Sid", () => {
    const { Sid: _sid, ...unnamed } = denyInsecureTransport("arn:aws:s3:::acme-site");
    const narrowed: PolicyStatement = {
      ...unnamed,
      Condition: { Bool: { "aws:SecureTransport": "false", "aws:ViaAWSService": "false" }, Null: { "aws:SecureTransport": "false" }, StringEquals: { "aws:PrincipalAccount": "111111111111" } },
    };
    expect(synthErrors((s) => bucket(s, "site", "acme-site", { statements: () => [narrowed] }))).toEqual([
      "[test/site] [s3-tls-only] aws_s3_bucket.site: its bucket policy denies requests without TLS only when Bool aws:ViaAWSService, Null aws:SecureTransport, StringEquals aws:PrincipalAccount also holds, so other plain-HTTP requests get through (add denyInsecureTransport(bucketArn) from stacks/policy-document.ts to its aws_s3_bucket_policy, or build it with SecureBucket)",
    ]);
  });
});
