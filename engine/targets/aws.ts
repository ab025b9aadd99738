/**
 * Real AWS: the user's environment as it is (credentials, profile, region),
 * and the same provider installation as every other path. Where the machine
 * has no registry access but a filesystem mirror, terraform is pointed at
 * the mirror through a CLI config of our own, exactly as the preview does,
 * so `provision` cannot fail at `terraform init` where `preview` worked.
 */
import { UserError } from "../errors.ts";
import { findProviderMirror, writeTerraformCliConfig } from "../provider-mirror.ts";
import type { Target } from "./target.ts";

export interface AwsTargetOptions {
  /** Folder for the CLI config written when a mirror is found (git-ignored `.terraform-cli/` of the repository). */
  readonly cliConfigDir: string;
}

export function awsTarget(parentEnv: Readonly<Record<string, string | undefined>>, options: AwsTargetOptions): Target {
  let env: Record<string, string | undefined> | undefined;
  return {
    kind: "aws",
    description: "AWS",
    env() {
      env ??= { ...parentEnv, CHECKPOINT_DISABLE: "1", ...providerInstallation(parentEnv, options.cliConfigDir) };
      return env;
    },
  };
}

/** TF_CLI_CONFIG_FILE for the mirror, unless the user set their own CLI config or there is no mirror (the registry is used). */
export function providerInstallation(parentEnv: Readonly<Record<string, string | undefined>>, cliConfigDir: string): Record<string, string> {
  if (parentEnv.TF_CLI_CONFIG_FILE) return {};
  let mirror: string | undefined;
  try {
    mirror = findProviderMirror(parentEnv);
  } catch (err) {
    throw new UserError(`${(err as Error).message} (unset it to use the Terraform registry, or point it at a mirror holding hashicorp/aws)`);
  }
  return mirror === undefined ? {} : { TF_CLI_CONFIG_FILE: writeTerraformCliConfig(mirror, cliConfigDir) };
}
