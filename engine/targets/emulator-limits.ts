/**
 * What the moto emulator cannot do, by resource type, measured with moto
 * 5.2.1, Terraform 1.11 and hashicorp/aws 5.100.0. Such resources are left
 * out of the emulator's copy of a stack (with everything that refers to
 * them) and listed in the sandbox's table; they are never faked.
 */
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export const NOT_EMULATED: Readonly<Record<string, string>> = {
  // moto's StartLogging looks the trail up by name, the provider passes its
  // ARN, and the provider retries the call for ever.
  aws_cloudtrail: "moto cannot start logging on a trail created by the provider (StartLogging by ARN), so the apply would hang",
  aws_codestarconnections_connection: "moto has no CodeStar Connections service",
  aws_codeconnections_connection: "moto has no CodeConnections service",
  // moto's CreateProject demands source.location for every source type; a
  // project fed by CodePipeline has none (AWS rejects one).
  aws_codebuild_project: "moto requires a source location even for a CODEPIPELINE source, which has none on AWS, so CreateProject fails",
  // Measured with boto3 against moto_server 5.2.1: CreatePermissionSet works,
  // ListTagsForResource answers 500, and the provider reads tags after every create.
  aws_ssoadmin_permission_set: "moto's IAM Identity Center has no ListTagsForResource (it answers 500), which the provider calls to read a permission set back",
  // moto echoes the domain name configuration back without a
  // DomainNameStatus; the provider waits for AVAILABLE until its timeout.
  aws_apigatewayv2_domain_name: "moto never reports the custom domain AVAILABLE (it returns no DomainNameStatus), so the provider waits until its timeout",
  // Measured with boto3 against moto_server: after a bucket policy denying
  // aws:SecureTransport false, HeadObject answers 403 and ListObjects works.
  // The three below apply, but the plan after the apply is never empty (measured on a
  // minimal config against moto_server; nothing in our config differs from what AWS returns):
  aws_cloudfront_distribution:
    "moto drops the origin's origin_access_control_id and the ACM viewer certificate and adds forwarded_values to a behavior with a cache policy, so every plan after the apply changes the distribution",
  aws_launch_template: "moto does not keep a launch template's own tags, so with the provider's default tags every plan after the apply changes tags_all",
  aws_instance: "moto reports the user data of an instance launched from a launch template differently from the provider's expectation, so every plan after the apply changes user_data",
  aws_s3_object:
    "the emulator is reached over plain HTTP, so the TLS-only bucket policy every bucket has (aws:SecureTransport false: deny) refuses reading an object back (HeadObject 403) and the plan after the apply fails; on AWS the provider speaks HTTPS",
};

export interface LeftOut {
  readonly address: string;
  /** The resource type the emulator lacks that made this one go (itself, or what it refers to). */
  readonly cause: string;
  readonly why: string;
}

type Json = Record<string, unknown>;

function refersTo(block: unknown, address: string): boolean {
  const escaped = address.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`(^|[^\\w.-])${escaped}([^\\w-]|$)`).test(JSON.stringify(block));
}

/**
 * Removes, in place, every resource of a type in `limits` from the stack's
 * synthesized JSON, and then everything (resources, data sources, outputs,
 * import blocks) that refers to a removed one, until nothing refers to
 * anything removed. Returns what was left out.
 */
export function leaveOutNotEmulated(stackDir: string, limits: Readonly<Record<string, string>> = NOT_EMULATED): LeftOut[] {
  const left: LeftOut[] = [];
  for (const file of readdirSync(stackDir).filter((f) => f.endsWith(".tf.json"))) {
    const path = join(stackDir, file);
    const config = JSON.parse(readFileSync(path, "utf8")) as Json;
    const removed = leaveOut(config, limits);
    if (removed.length === 0) continue;
    left.push(...removed);
    writeFileSync(path, JSON.stringify(config, null, 2));
  }
  return left;
}

export function leaveOut(config: Json, limits: Readonly<Record<string, string>>): LeftOut[] {
  const resources = (config.resource ?? {}) as Record<string, Record<string, unknown>>;
  const data = (config.data ?? {}) as Record<string, Record<string, unknown>>;
  const outputs = (config.output ?? {}) as Record<string, unknown>;
  const removed: LeftOut[] = [];
  const causeOf = new Map<string, string>();

  for (const [type, blocks] of Object.entries(resources)) {
    if (limits[type] === undefined) continue;
    for (const name of Object.keys(blocks)) {
      const address = `${type}.${name}`;
      causeOf.set(address, type);
      removed.push({ address, cause: type, why: limits[type]! });
    }
    delete resources[type];
  }
  // Whatever refers to a removed block cannot be planned without it.
  for (let changed = removed.length > 0; changed;) {
    changed = false;
    const gone = [...causeOf.keys()];
    const firstCause = (block: unknown) => gone.find((a) => refersTo(block, a));
    for (const [kind, blocksByType, prefix] of [
      ["resource", resources, ""],
      ["data", data, "data."],
    ] as const) {
      for (const [type, blocks] of Object.entries(blocksByType)) {
        for (const [name, block] of Object.entries(blocks)) {
          const by = firstCause(block);
          if (by === undefined) continue;
          const address = `${prefix}${type}.${name}`;
          const cause = causeOf.get(by)!;
          causeOf.set(address, cause);
          removed.push({ address, cause, why: `refers to ${by}, which the emulator cannot create (${kind})` });
          delete blocks[name];
          changed = true;
        }
        if (Object.keys(blocks).length === 0) delete blocksByType[type];
      }
    }
    for (const [name, block] of Object.entries(outputs)) {
      const by = firstCause(block);
      if (by === undefined) continue;
      removed.push({ address: `output.${name}`, cause: causeOf.get(by)!, why: `refers to ${by}` });
      delete outputs[name];
    }
  }
  if (Array.isArray(config.import)) {
    config.import = (config.import as Json[]).filter((b) => !causeOf.has(String(b.to)));
  }
  for (const key of ["resource", "data", "output"] as const) {
    if (config[key] !== undefined && Object.keys(config[key] as Json).length === 0) delete config[key];
  }
  return removed;
}
