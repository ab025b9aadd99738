/**
 * Where a stack keeps its state. Every stack gets its backend here and
 * nowhere else, so keys cannot collide and locking cannot be forgotten.
 */
import { LocalBackend, S3Backend, type TerraformStack } from "cdktf";
import { join } from "node:path";
import type { StateConfig } from "../config/model.ts";
import { localStateFile, stateKey } from "../naming/names.ts";

export function configureStateBackend(stack: TerraformStack, stackId: string, state: StateConfig): void {
  if (state.backend === "local") {
    // An absolute path, so `cdktf deploy` from the root and from the stack's
    // own folder (different cdktf.out folders) share one state file.
    new LocalBackend(stack, { path: join(state.localDirectory, localStateFile(stackId)) });
    return;
  }
  new S3Backend(stack, {
    bucket: state.bucket,
    key: stateKey(stackId, state.keyPrefix, state.keyOverrides),
    region: state.region,
    encrypt: true,
    ...(state.roleArn !== undefined && { assumeRole: { roleArn: state.roleArn, sessionName: `state-${stackId}` } }),
  });
  // S3-native locking (Terraform >= 1.10). cdktf 0.21's S3Backend has no field
  // for it, hence the override.
  stack.addOverride("terraform.backend.s3.use_lockfile", true);
}
