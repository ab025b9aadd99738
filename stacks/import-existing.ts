/**
 * Adopt an existing object into a resource with a Terraform import block.
 *
 * Why not cdktf's `resource.importFrom(id)`: it registers a validation that
 * runs `terraform version` in a child process at every synth, once per
 * imported resource (0.2-0.5 s each here), to check for Terraform >= 1.5.
 * This repository requires Terraform >= 1.10 anyway, so the import block is
 * written directly. The JSON is the same as importFrom's.
 */
import { TerraformStack, type TerraformResource } from "cdktf";

interface ImportBlock {
  readonly to: string;
  readonly id: string;
}

const importsByStack = new WeakMap<TerraformStack, ImportBlock[]>();

export function importExisting(resource: TerraformResource, id: string): void {
  const stack = TerraformStack.of(resource);
  let blocks = importsByStack.get(stack);
  if (!blocks) {
    blocks = [];
    importsByStack.set(stack, blocks);
  }
  blocks.push({ to: `${resource.terraformResourceType}.${resource.friendlyUniqueId}`, id });
  // One override holding every block of the stack; the array is read at synth time.
  stack.addOverride("import", blocks);
}
