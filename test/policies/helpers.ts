/**
 * Policy-rule tests build a small stack on the real base (AccountStack, so
 * the rules are applied exactly as in production), synthesize it the way
 * entry points do, and read the error lines cdktf refuses to synth with.
 */
import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { S3BucketPolicy } from "@cdktf/provider-aws/lib/s3-bucket-policy";
import { S3BucketPublicAccessBlock } from "@cdktf/provider-aws/lib/s3-bucket-public-access-block";
import { S3BucketServerSideEncryptionConfigurationA } from "@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration";
import { S3BucketVersioningA } from "@cdktf/provider-aws/lib/s3-bucket-versioning";
import type { App } from "cdktf";
import type { Construct } from "constructs";
import { loadConfig } from "../../config/load.ts";
import { accountNamed, type AccountConfig, type OrgConfig } from "../../config/model.ts";
import { AccountStack, type AccountStackProps } from "../../stacks/account-stack.ts";
import { denyInsecureTransport, policyDocument, policyJson, type PolicyStatement } from "../../stacks/policy-document.ts";
import { EXAMPLE_CONFIG } from "../helpers/example-config.ts";
import { testApp } from "../helpers/synth.ts";

export const config: OrgConfig = loadConfig({ configDir: EXAMPLE_CONFIG });

/**
 * Where the test stack runs. org: the management account (no environment,
 * so its data counts as protected); dev: an unprotected environment; prod: a
 * protected one. Member accounts get an id, as after `accounts sync`.
 */
export type TestAccount = "org" | "dev" | "prod";

export function testAccount(name: TestAccount): AccountConfig {
  const account = accountNamed(config, name);
  return account.accountId !== undefined ? account : { ...account, accountId: name === "dev" ? "333333333333" : "444444444444" };
}

export class PolicyTestStack extends AccountStack {
  constructor(scope: Construct, id: string, props: AccountStackProps, build: (stack: PolicyTestStack) => void) {
    super(scope, id, props);
    build(this);
  }
}

export function buildTestStack(app: App, build: (stack: PolicyTestStack) => void, account: TestAccount = "org"): PolicyTestStack {
  return new PolicyTestStack(app, "test", { config, account: testAccount(account) }, build);
}

/** The error lines of a synth that failed; [] when it synthesized. Anything else it throws is rethrown. */
export function synthErrors(build: (stack: PolicyTestStack) => void, account: TestAccount = "org"): string[] {
  const { app, cleanup } = testApp();
  try {
    buildTestStack(app, build, account);
    app.synth();
    return [];
  } catch (err) {
    return errorLines(err);
  } finally {
    cleanup();
  }
}

/** `[construct path] [rule-id] address: message` lines out of cdktf's validation or annotation error. */
export function errorLines(err: unknown): string[] {
  const message = err instanceof Error ? err.message : String(err);
  if (!/^(Validation failed with the following errors:|Encountered Annotations with level "ERROR":)/.test(message)) throw err;
  return message
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => /^\[[^\]]+\] \[/.test(l));
}

export interface BucketOptions {
  readonly encryption?: boolean;
  readonly versioning?: "Enabled" | "Suspended" | false;
  readonly publicAccessBlock?: false | Partial<Record<"blockPublicAcls" | "blockPublicPolicy" | "ignorePublicAcls" | "restrictPublicBuckets", boolean>>;
  /** Bucket policy statements; default: the TLS-only deny. */
  readonly statements?: (arn: string) => PolicyStatement[];
  readonly policy?: false | string;
  readonly preventDestroy?: boolean;
}

/** A bucket with every companion the S3 rules ask for, unless an option takes one away. */
export function bucket(scope: Construct, id: string, name: string, options: BucketOptions = {}): S3Bucket {
  const b = new S3Bucket(scope, id, { bucket: name, ...(options.preventDestroy && { lifecycle: { preventDestroy: true } }) });
  const arn = `arn:aws:s3:::${name}`;
  if (options.encryption !== false) {
    new S3BucketServerSideEncryptionConfigurationA(scope, `${id}-encryption`, {
      bucket: b.id,
      rule: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms" } }],
    });
  }
  if (options.versioning !== false) {
    new S3BucketVersioningA(scope, `${id}-versioning`, { bucket: b.id, versioningConfiguration: { status: options.versioning ?? "Enabled" } });
  }
  if (options.publicAccessBlock !== false) {
    new S3BucketPublicAccessBlock(scope, `${id}-public-access`, {
      bucket: b.id,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
      ...options.publicAccessBlock,
    });
  }
  if (options.policy !== false) {
    const policy = options.policy ?? policyJson(policyDocument(...(options.statements?.(arn) ?? [denyInsecureTransport(arn)])));
    new S3BucketPolicy(scope, `${id}-policy`, { bucket: b.id, policy });
  }
  return b;
}
